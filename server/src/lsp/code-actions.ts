// Code actions on a reuse warning. Two of them edit files, and only when the writer picks them:
// marking the reuse intentional (a visible marker after the passage) and adding the passage to
// the team's approved boilerplate. The others open or compare the source.
import { CodeActionKind, type CodeAction, type Command, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { sourceLabel } from '../core/service';
import { INTENTIONAL_MARKER } from '../core/markers';
import type { Finding } from '../core/types';
import { pathToUri, spanToRange, type SourceDocument } from './convert';

export const OPEN_SOURCE_COMMAND = 'lectern.openSource';
export const MARK_INTENTIONAL_COMMAND = 'lectern.markIntentional';
/** Implemented by the VS Code client (a diff view); offered only to clients that say they have it. */
export const COMPARE_COMMAND = 'lectern.compareWithSource';

/** Where the approved-boilerplate file is and what it holds now (undefined text: not created yet). */
export interface ApprovedFile { uri: string; text: string | undefined }

export interface ActionContext {
  doc: TextDocument;
  finding: Finding;
  sourceDoc: SourceDocument;
  approvedFile?: ApprovedFile;
  clientCommands: readonly string[];
}

const MAX_SOURCES = 3;

export function reuseActions({ doc, finding, sourceDoc, approvedFile, clientCommands }: ActionContext): (CodeAction | Command)[] {
  if (finding.code !== 'reuse.verbatim' && finding.code !== 'reuse.edited' && finding.code !== 'reuse.common') return [];
  const range = spanToRange(doc, finding.span);
  const actions: CodeAction[] = [];
  if (finding.code !== 'reuse.common') {
    actions.push({
      title: 'Mark this reuse as intentional', kind: CodeActionKind.QuickFix,
      edit: { changes: { [doc.uri]: [{ range: { start: range.end, end: range.end }, newText: ` ${INTENTIONAL_MARKER}` }] } },
    });
  }
  if (approvedFile) {
    actions.push({ title: 'Add this passage to the approved boilerplate', kind: CodeActionKind.QuickFix, edit: appendPassage(approvedFile, doc.getText(range)) });
  }
  for (const s of finding.sources.slice(0, MAX_SOURCES)) {
    const src = sourceDoc(s.path);
    if (!src) continue;
    const srcRange = spanToRange(src, s.span);
    const label = sourceLabel(s.meta, s.path);
    actions.push({ title: `Open source: ${label}`, kind: CodeActionKind.Empty, command: { title: 'Open source', command: OPEN_SOURCE_COMMAND, arguments: [src.uri, srcRange] } });
    if (clientCommands.includes(COMPARE_COMMAND)) {
      actions.push({ title: `Compare with source: ${label}`, kind: CodeActionKind.Empty, command: { title: 'Compare with source', command: COMPARE_COMMAND, arguments: [doc.uri, range, src.uri, srcRange, label] } });
    }
  }
  return actions;
}

function appendPassage(file: ApprovedFile, passage: string): WorkspaceEdit {
  const flat = passage.replace(/\s*\n\s*/g, ' ').trim();
  if (file.text === undefined) {
    return { documentChanges: [
      { kind: 'create', uri: file.uri, options: { ignoreIfExists: true } },
      { textDocument: { uri: file.uri, version: null }, edits: [{ range: at(0, 0), newText: `# Approved boilerplate\n\nPassages here may be reused in any statement without a Lectern warning. One passage per paragraph.\n\n${flat}\n` }] },
    ] };
  }
  const lines = file.text.split('\n');
  const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
  const sep = file.text.endsWith('\n\n') ? '' : file.text.endsWith('\n') ? '\n' : '\n\n';
  return { documentChanges: [{ textDocument: { uri: file.uri, version: null }, edits: [{ range: { start: end, end }, newText: `${sep}${flat}\n` }] }] };
}

function at(line: number, character: number): Range {
  return { start: { line, character }, end: { line, character } };
}

