// Statement metadata from three places, best first: YAML front matter in the statement, a sidecar
// manifest of the archive (TSV with a `file` column, as UNGDC's manifest.tsv), and what the header
// lines say ("The speech made by X, the Y, on 17 May 2022.", a dateline "Vienna, 14 May 2018").
// Inference fills only what it can read plainly; anything else stays empty rather than guessed.
import { parse as parseYaml } from 'yaml';
import { EMPTY_META, type Span, type StatementMeta } from './types';

export interface FrontMatter {
  /** The whole `---` block, delimiters included. */
  readonly span: Span;
  readonly fields: Partial<StatementMeta>;
  /** Set when the block is not valid YAML or not a mapping. */
  readonly error?: string;
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

export function readFrontMatter(text: string): FrontMatter | undefined {
  const m = FRONT_MATTER.exec(text);
  if (!m) return undefined;
  const span = { start: 0, end: m[0].length };
  try {
    const data: unknown = parseYaml(m[1]);
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return { span, fields: {}, error: 'front matter is not a YAML mapping' };
    return { span, fields: metaFromRecord(data as Record<string, unknown>) };
  } catch (e) {
    return { span, fields: {}, error: `front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}` };
  }
}

/** Reads known keys from a record (front matter or a manifest row); unknown keys are ignored. */
export function metaFromRecord(r: Record<string, unknown>): Partial<StatementMeta> {
  const out: Partial<StatementMeta> = {};
  const str = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === undefined || v === null ? '' : String(v).trim());
  for (const key of ['title', 'speaker', 'role', 'venue', 'occasion', 'language'] as const) {
    const v = str(r[key]);
    if (v) out[key] = v;
  }
  const date = parseDate(str(r.date));
  if (date) out.date = date;
  const duration = parseDuration(str(r.duration ?? r.target ?? ''));
  if (duration) out.targetSeconds = duration;
  return out;
}

/** Parses a TSV manifest whose first row names the columns, one of them `file`. */
export function parseManifest(tsv: string): Manifest {
  const rows = tsv.split(/\r?\n/).filter((l) => l.trim());
  const byFile = new Map<string, string>();
  const head = rows.length ? rows[0].split('\t').map((h) => h.trim().toLowerCase()) : [];
  const fileCol = head.indexOf('file');
  for (let r = 1; fileCol >= 0 && r < rows.length; r++) {
    const row = rows[r];
    const tab = row.indexOf('\t');
    const file = fileCol === 0 ? (tab < 0 ? row : row.slice(0, tab)) : row.split('\t')[fileCol];
    if (file) byFile.set(file.trim(), row);
  }
  // a row's metadata is made when it is first asked for: a changed corpus file asks for one row of
  // UNGDC's 10,952, and making them all took ~150 ms of that change (profile of the server)
  const made = new Map<string, Partial<StatementMeta>>();
  return {
    get(file) {
      const known = made.get(file);
      if (known) return known;
      const row = byFile.get(file);
      if (row === undefined) return undefined;
      const cells = row.split('\t');
      const record: Record<string, string> = {};
      head.forEach((h, i) => (record[h] = cells[i] ?? ''));
      const meta = metaFromRecord(record);
      made.set(file, meta);
      return meta;
    },
  };
}

/** The rows of a manifest.tsv by their `file` cell. */
export interface Manifest { get(file: string): Partial<StatementMeta> | undefined }

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December)';
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:\\s*[-–]\\s*\\d{1,2})?\\s+${MONTH}\\s+(\\d{4})\\b`, 'i');
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'i');
const MONTH_YEAR = new RegExp(`\\b${MONTH}\\s+(\\d{4})\\b`, 'i');

const pad = (n: number) => String(n).padStart(2, '0');
const month = (name: string) => MONTHS.indexOf(name.toLowerCase()) + 1;

/** ISO date from "17 May 2022", "7-9 March 2021", "May 17, 2022", "March 2021", "2022-05-17", "1946". */
export function parseDate(s: string): string {
  if (!s) return '';
  const iso = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s.trim());
  if (iso) return iso[0];
  let m = DAY_MONTH_YEAR.exec(s);
  if (m) return `${m[3]}-${pad(month(m[2]))}-${pad(Number(m[1]))}`;
  m = MONTH_DAY_YEAR.exec(s);
  if (m) return `${m[3]}-${pad(month(m[1]))}-${pad(Number(m[2]))}`;
  m = MONTH_YEAR.exec(s);
  if (m) return `${m[2]}-${pad(month(m[1]))}`;
  return '';
}

/** "17 May 2022", "March 2021" or "1946" from an ISO date, for messages. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!m) return iso;
  const name = m[2] ? MONTHS[Number(m[2]) - 1] : '';
  const cap = name ? name[0].toUpperCase() + name.slice(1) : '';
  return [m[3] ? String(Number(m[3])) : '', cap, m[1]].filter(Boolean).join(' ');
}

/** Seconds from "3m", "3 min", "~3 minutes", "90s", "2m30s", "1:30"; 0 when not a duration. */
export function parseDuration(s: string): number {
  const t = s.trim().toLowerCase();
  if (!t) return 0;
  const clock = /^(\d+):(\d{2})$/.exec(t);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const m = /^~?\s*(?:(\d+(?:\.\d+)?)\s*(?:m|min|mins|minutes?))?\s*(?:(\d+)\s*(?:s|sec|secs|seconds?))?$/.exec(t);
  if (!m || (!m[1] && !m[2])) return 0;
  return Math.round(Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0));
}

const TARGET_NOTE = /~\s*(\d+(?:\.\d+)?)\s*(?:minutes?|mins?)\b/i;
const SPEECH_MADE_BY = /^The (?:speech|statement|remarks) (?:made|delivered|given) by ([^,]+?)(?:, (?:the )?([^,]+?))?,? on (.+?)\.?$/i;
const DATELINE = new RegExp(`^([A-Z][\\p{L}' .-]+(?:, [A-Z][\\p{L}' .-]+)?),?\\s+(\\d{1,2}(?:\\s*[-–]\\s*\\d{1,2})?\\s+${MONTH}\\s+\\d{4})\\s*$`, 'iu');
const BY_LINE = /\s+by:?$/i;
const NAME_ROLE = /^([\p{Lu}][\p{L}.'-]+(?: [\p{Lu}][\p{L}.'-]+){1,3}),\s+(.+)$/u;
const OFFICE_LINE = /^(?:The )?(Secretary-General|President|Prime Minister|Foreign Minister|Minister(?: for| of)? [\p{L} ]+|Ambassador|Permanent Representative[\p{L} ]*)$/iu;

/** UTF-16 code units of a statement's start that `inferMeta` reads: its header is in the first lines. */
export const HEADER_CHARS = 3000;

/** What the first lines of a statement say about it. */
export function inferMeta(text: string): Partial<StatementMeta> {
  // never split a whole statement (this runs for every corpus file)
  const lines = text.slice(0, HEADER_CHARS).split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, 12);
  const out: Partial<StatementMeta> = {};
  const t = lines.findIndex((l) => !/^for information only/i.test(l) && !/^\d{1,2} \w+ \d{4}$/.test(l));
  const titleLine = lines[t];
  if (titleLine && titleLine.length <= 160 && !/[.;,]$/.test(titleLine)) {
    const by = BY_LINE.test(titleLine) && NAME_ROLE.exec(lines[t + 1] ?? '');
    const office = OFFICE_LINE.exec(titleLine);
    if (by) {
      // "Video Statement (As delivered) by" / "Jürgen Stock, INTERPOL Secretary General"
      out.title = titleLine.replace(BY_LINE, '');
      out.speaker = by[1];
      out.role = by[2];
    } else if (office) {
      out.role = office[1];
    } else if (!BY_LINE.test(titleLine)) {
      out.title = titleLine.replace(/^#+\s*/, '').replace(TARGET_NOTE, '').trim();
    }
  }
  for (const line of lines) {
    // the regular expressions run only on lines they can match (a "~", a last character that is a
    // digit): the lines are mostly whole paragraphs, and DATELINE and TARGET_NOTE over them took
    // ~0.15 s of each index worker's build of UNGDC (cpu profile)
    const target = line.includes('~') ? TARGET_NOTE.exec(line) : null;
    if (target && !out.targetSeconds) out.targetSeconds = Math.round(Number(target[1]) * 60);
    const made = SPEECH_MADE_BY.exec(line);
    if (made) {
      out.speaker = made[1].trim();
      if (made[2]) out.role = made[2].trim();
      const date = parseDate(made[3]);
      if (date) out.date = date;
      continue;
    }
    const last = line.charCodeAt(line.length - 1);
    const dateline = last >= 0x30 && last <= 0x39 ? DATELINE.exec(line) : null; // the line is trimmed and DATELINE ends in \d{4}\s*$
    if (dateline) {
      out.venue ??= dateline[1].trim();
      out.date ??= parseDate(dateline[2]);
    }
  }
  return out;
}

/** Merges metadata sources, earlier ones winning field by field. */
export function mergeMeta(...sources: (Partial<StatementMeta> | undefined)[]): StatementMeta {
  const out: StatementMeta = { ...EMPTY_META };
  for (const key of Object.keys(EMPTY_META) as (keyof StatementMeta)[]) {
    for (const src of sources) {
      const v = src?.[key];
      if (v) { (out as unknown as Record<string, unknown>)[key] = v; break; }
    }
  }
  return out;
}
