// The variable parts of a protocol formula: who is addressed, who hosts, where, which session, when.
// Protocol formulas signal these with fixed frames ("the Government of X", "Mr. President", "the
// Thirty-First Regular Session", "here in X") and capitalisation, so a handful of patterns over one
// sentence finds them. A general-purpose NER library (compromise, wink-nlp) was considered: it would
// tag "Japan" as a place but not "Mr. President" as a form of address nor "Thirty-First" as a
// session, and it would run on every statement the server indexes; the frames below are what
// makes a formula reusable, so they are the model. Country names come from ICU (Intl.DisplayNames).

export type PlaceholderKind = 'title' | 'person' | 'country' | 'place' | 'ordinal' | 'date' | 'year' | 'name';

/** A placeholder found in a sentence: UTF-16 offsets into the sentence and what it stands for. */
export interface Slot {
  readonly start: number;
  readonly end: number;
  readonly kind: PlaceholderKind;
}

/** Capitalised words of closing formulas ("May God bless", "Long live") that never belong to a name. */
const NOT_NAMES = String.raw`(?!(?:May|God|Bless|Long|Live|Thank|Let|We|I)\b)`;
/** "O’Brien", and "People’s" inside a name ("Lao People’s Democratic Republic"), but not "the UK’s commitment". */
const APOSTROPHE = String.raw`(?:['’](?:(?!s\b)\p{L}+|s(?= \p{Lu})))?`;
const W = String.raw`${NOT_NAMES}\p{Lu}[\p{L}\p{M}\d-]*${APOSTROPHE}`;
const CONN = String.raw`(?:of|on|and|for|the|against|de|del|da|dos|das|du|des|di|la|le|van|von|der|den|bin|ibn|al|el|y)`;
/** Words inside a name: "Republic of the Congo", "Prevention and Criminal Justice"; not "UNODC and the UK". */
const JOIN = String.raw`(?:(?:of|on|for|against)(?: the)? |(?:and|de|del|da|dos|das|du|des|di|la|le|van|von|der|den|bin|ibn|al|el|y) )`;
/** A run of capitalised words joined by lower-case connectors ("Commission on Crime Prevention and Criminal Justice"). */
const RUN = String.raw`${NOT_NAMES}\p{Lu}[\p{L}\p{M}\d-]+${APOSTROPHE}(?: ${JOIN}?${W}){0,7}`;
const TITLE = String.raw`(?:Vice-President|President|Chair(?:person|man|woman)?|Co-Chairs?|Deputy Secretary-General|Under-Secretary-General|Secretary-General|High Commissioner|Executive Director|Director-General|Speaker|Moderator|Facilitator|Prime Minister)`;
const HONORIFIC = String.raw`(?:(?:Mr|Mrs|Ms|Mme|Dr|Prof)\.?|Madam|Madame|Mister|Sheikh|Ambassador|President|Prime Minister|Secretary-General|King|Queen|Prince|Princess|Emir|Judge|Professor|Senator|Dame|Lord|Lady)`;
const STYLE = String.raw`(?:H\. ?E\.?|(?:His|Her|Their) (?:Excellency|Excellencies|Majesty|Majesties|Royal Highness|Highness|Holiness))`;
const PERSON_NAME = String.raw`(?!${TITLE}\b)\p{Lu}[\p{L}\p{M}'’-]+(?: (?:(?:de|da|del|dos|van|von|der|bin|ibn|al|el|le|la|di|du|y) )?\p{Lu}[\p{L}\p{M}'’-]+){0,3}`;
const MONTH = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December)`;
const UNIT = String.raw`(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)`;
const TENS = String.raw`(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)`;
const SIMPLE_ORDINAL = String.raw`(?:${UNIT}|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth|hundredth)`;
/** What makes a lone "first" or "fifth" the number of an occasion rather than ordinary English. */
const OCCASION_AFTER = new RegExp(String.raw`^ (?:(?:regular|special|ordinary|plenary|high-level|extraordinary|emergency|annual) )?(?:session|anniversary|congress|conference|summit|meeting|assembly|edition|sitting|review|forum|committee)\b`, 'i');

interface Recogniser {
  readonly kind: PlaceholderKind;
  readonly re: RegExp;
  /** Extra test on a match: false rejects it. */
  readonly accept?: (sentence: string, start: number, end: number) => boolean;
}

/** Tried in this order; an earlier recogniser's match wins where two overlap. */
const RECOGNISERS: readonly Recogniser[] = [
  { kind: 'date', re: new RegExp(String.raw`\b\d{1,2}(?: ?[-–] ?\d{1,2})? ${MONTH}(?:,? \d{4})?\b|\b${MONTH} \d{1,2}(?:, \d{4})?\b|\b${MONTH} \d{4}\b`, 'gu') },
  { kind: 'person', re: new RegExp(String.raw`\b${STYLE}(?: ${HONORIFIC})? ${PERSON_NAME}|\b${HONORIFIC} ${PERSON_NAME}`, 'gu') },
  { kind: 'title', re: new RegExp(String.raw`\b(?:(?:Mr|Mme|Ms|Mrs)\.?|Madam|Madame|Mister) ${TITLE}\b|\bYour (?:Excellency|Excellencies|Majesty|Royal Highness|Highness|Holiness)\b|(?<=^|, )Sir(?=[,.;!?])`, 'gu') },
  // the host or the speaker's own: "the Government of Japan", "the delegation of Kenya", "the Republic of Korea"
  { kind: 'country', re: new RegExp(String.raw`\bthe (?:Governments?(?: and (?:the )?peoples?)?|peoples?|delegations?|(?:\p{Lu}\p{Ll}+ ){0,2}(?:Republic|Kingdom|States?|Federation|Commonwealth|Sultanate|Principality|Emirates?|Duchy|Confederation)) of (?:the )?${RUN}`, 'gu') },
  // "the Malian delegation", "the Argentine people", "the Argentine Republic"
  { kind: 'country', re: new RegExp(String.raw`\bthe (?:${W} ){1,3}(?:delegation|[Gg]overnment|people|nation|Republic|Kingdom|Federation)s?\b(?! of)`, 'gu') },
  {
    kind: 'ordinal',
    re: new RegExp(String.raw`\b(?:${TENS}-${UNIT}|${SIMPLE_ORDINAL}|\d{1,3} ?(?:st|nd|rd|th))\b`, 'giu'),
    accept: (s, start, end) => /^\d|-/.test(s.slice(start, end)) || (start > 0 && /^\p{Lu}/u.test(s[start])) || OCCASION_AFTER.test(s.slice(end, end + 40)),
  },
  { kind: 'year', re: /\b(?:19|20)\d{2}\b/g },
  { kind: 'country', re: new RegExp(String.raw`(?:\b[Tt]he )?${RUN}`, 'gu'), accept: (s, start, end) => isCountry(s.slice(start, end)) },
  { kind: 'place', re: new RegExp(String.raw`(?<=\b(?:in|at|to|from) )\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*(?: \p{Lu}\p{Ll}[\p{L}\p{M}'’-]*){0,2}`, 'gu'), accept: (s, start, end) => !isProtocolRun(s.slice(start, end)) },
];

const NAME_RUN = new RegExp(RUN, 'gu');

/** Capitalised words that are the formula itself, not a variable part. */
const PROTOCOL_WORDS = new Set([
  'president', 'vice-president', 'chair', 'chairman', 'chairperson', 'chairwoman', 'co-chair', 'co-chairs', 'sir', 'madam',
  'madame', 'mr', 'mrs', 'ms', 'excellency', 'excellencies', 'majesty', 'highness', 'secretary-general', 'ladies', 'gentlemen',
  'god', 'allah', 'almighty', 'assembly', 'organization', 'organisation', 'member', 'members', 'states', 'session', 'regular',
  'special', 'ordinary', 'high-level', 'segment', 'meeting', 'anniversary', 'delegation', 'government', 'thank', 'you', 'i',
  'delegates', 'delegations', 'heads', 'head', 'state', 'guests', 'colleagues', 'participants', 'representatives', 'majesties',
  'highnesses', 'highness', 'honourable', 'honorable', 'distinguished', 'dear',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
]);
const CONNECTOR = new RegExp(`^${CONN}$`);

function isProtocolRun(run: string): boolean {
  if (/^Secretary[- ]General$/i.test(run)) return true;
  return run.split(' ').every((w) => PROTOCOL_WORDS.has(w.toLowerCase()) || CONNECTOR.test(w));
}

let countryNames: Set<string> | undefined;

/** UN and ICU names of countries, lower-case, apostrophes straightened. Built once (~5 ms). */
function countries(): Set<string> {
  if (countryNames) return countryNames;
  const names = new Set<string>(['united states of america', 'russian federation', 'republic of korea', 'viet nam', 'türkiye',
    'united kingdom of great britain and northern ireland', 'democratic republic of the congo', 'syrian arab republic',
    'lao people\'s democratic republic', 'united republic of tanzania', 'republic of moldova', 'holy see', 'state of palestine']);
  const display = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const notCountries = new Set(['UN', 'EU', 'EZ', 'QO', 'XA', 'XB', 'ZZ']);
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = notCountries.has(code) ? undefined : display.of(code);
      if (name) names.add(name.toLowerCase().replace(/’/g, "'").replace(/ & /g, ' and '));
    }
  }
  countryNames = names;
  return names;
}

function isCountry(run: string): boolean {
  return countries().has(run.replace(/^the /i, '').toLowerCase().replace(/’/g, "'"));
}

/** The placeholders of one sentence, in order, not overlapping. */
export function findPlaceholders(sentence: string): Slot[] {
  const slots: Slot[] = [];
  const free = (start: number, end: number) => slots.every((s) => end <= s.start || start >= s.end);
  for (const r of RECOGNISERS) {
    for (const m of sentence.matchAll(r.re)) {
      const start = m.index!, end = start + m[0].length;
      if (free(start, end) && (!r.accept || r.accept(sentence, start, end))) slots.push({ start, end, kind: r.kind });
    }
  }
  for (const name of nameRuns(sentence, slots)) if (free(name.start, name.end)) slots.push(name);
  return slots.sort((a, b) => a.start - b.start);
}

/** Other capitalised runs: bodies, organisations, adjectives of nationality ("the Commission on ..."). */
function nameRuns(sentence: string, claimed: readonly Slot[]): Slot[] {
  // claimed text can't be part of a name: "the Thirty-First Regular Session of the Commission"
  let masked = sentence;
  for (const s of claimed) masked = masked.slice(0, s.start) + '_'.repeat(s.end - s.start) + masked.slice(s.end);
  const out: Slot[] = [];
  for (const m of masked.matchAll(NAME_RUN)) {
    // "Secretary General," at the start of a sentence is a form of address, not the name "General"
    if (isProtocolRun(m[0])) continue;
    const words = [...m[0].matchAll(/\S+/g)].map((w) => ({ text: w[0], start: m.index! + w.index!, end: m.index! + w.index! + w[0].length }));
    // the first word of a sentence is capitalised anyway
    if (m.index === 0 || /^["“‘(]$/.test(sentence.slice(0, m.index))) words.shift();
    // "Regular Session of the Commission ...": the frame before the name is part of the formula
    while (words.length && (PROTOCOL_WORDS.has(words[0].text.toLowerCase()) || CONNECTOR.test(words[0].text))) words.shift();
    while (words.length && CONNECTOR.test(words[words.length - 1].text)) words.pop();
    if (!words.length || isProtocolRun(words.map((w) => w.text).join(' '))) continue;
    let start = words[0].start;
    if (/\bthe $/i.test(sentence.slice(Math.max(0, start - 4), start))) start -= 4;
    out.push({ start, end: words[words.length - 1].end, kind: 'name' });
  }
  return out;
}
