import type { CaseFieldDefinition, CaseTypeDefinition, ChainModuleDefinition, DeadlineClock, LocalizedText, NotifyTarget, WorkflowTransition } from '@ketenhuis/sdk';
import { parseDuration, type Duration } from '../../kernel/values/duration';

/** The command that writes the diagrams; generated files and drift messages name it. */
export const WORKFLOW_DOCS_COMMAND = 'npm run docs:workflows';

const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

/**
 * Mermaid's state ids may not contain dashes (and a bare `end` or `state` would be a keyword),
 * so every state gets a prefixed id with underscores. Workflow state ids are kebab case, which
 * makes the mapping one to one.
 */
const mermaidId = (state: string) => `s_${state.replace(/-/g, '_')}`;

/** Mermaid reads `"`, `#` and `;` as syntax inside labels; its entity codes keep them as text. */
const ENTITIES: Record<string, string> = { '#': '#35;', '"': '#quot;', ';': '#59;' };
const mermaidText = (text: string) => text.replace(/[#";]/g, (c) => ENTITIES[c]).replace(/\s+/g, ' ').trim();

/** A table cell: one line, and a `|` that does not end the cell. */
const cell = (text: string) => text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|') || '—';
const code = (text: string) => `\`${text}\``;
const codes = (values: readonly string[] | undefined) => (values?.length ? values.map(code).join(', ') : '—');

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

const UNITS: Array<[keyof Duration, string]> = [
  ['years', 'year'], ['months', 'month'], ['weeks', 'week'], ['days', 'day'], ['hours', 'hour'], ['minutes', 'minute'], ['seconds', 'second'],
];

/** `P2M` → "P2M (2 months)": the ISO form is what a district configures, the words are for reading. */
export function describeDuration(iso: string): string {
  const duration = parseDuration(iso);
  const parts = duration ? UNITS.filter(([unit]) => duration[unit] > 0).map(([unit, word]) => `${duration[unit]} ${word}${duration[unit] === 1 ? '' : 's'}`) : [];
  return parts.length ? `${iso} (${parts.join(' ')})` : iso;
}

function describeTargets(targets: NotifyTarget[] | undefined): string {
  if (!targets?.length) return "the case's participants";
  return targets.map((t) => {
    if (t.function && t.organisationType) return `${t.function} of ${t.organisationType}`;
    if (t.function) return t.function;
    if (t.organisationType) return `${t.organisationType} (any function)`;
    return "the case's participants";
  }).join(', ');
}

function describeRunsFrom(clock: DeadlineClock, fields: Map<string, CaseFieldDefinition>): string {
  if (clock.runsFrom === 'stateEntered') return 'entering the state';
  const field = fields.get(clock.runsFrom.field);
  return `${code(clock.runsFrom.field)}${field ? ` (${field.title.nl})` : ''}`;
}

function stateLines(caseType: CaseTypeDefinition): string[] {
  const wf = caseType.workflow;
  const lines = ['stateDiagram-v2'];
  for (const s of wf.states) lines.push(`    state "${mermaidText(s.title.nl)}" as ${mermaidId(s.id)}`);
  lines.push(`    [*] --> ${mermaidId(wf.initial)}`);
  for (const t of wf.transitions) {
    for (const from of list(t.from)) lines.push(`    ${mermaidId(from)} --> ${mermaidId(t.to)} : ${mermaidText(`${t.action} (${t.permission})`)}`);
  }
  for (const s of wf.states.filter((s) => s.final)) lines.push(`    ${mermaidId(s.id)} --> [*]`);
  return lines;
}

const titleOr = (title: LocalizedText | undefined) => title?.nl ?? '';

function transitionRow(t: WorkflowTransition): string[] {
  return [code(t.action), titleOr(t.title), codes(list(t.from)), code(t.to), code(t.permission),
    codes(t.requiredFields), codes(t.setsFields), t.guard ? code(t.guard) : '', codes(t.emits)];
}

function clockRow(c: DeadlineClock, fields: Map<string, CaseFieldDefinition>): string[] {
  return [
    code(c.id), c.title.nl, codes(list(c.state)), describeDuration(c.duration), describeRunsFrom(c, fields),
    c.when ? `${code(c.when.field)} = ${code(JSON.stringify(c.when.equals))}` : 'always',
    c.warnBefore ? `${describeDuration(c.warnBefore)} before, to ${describeTargets(c.warn)}` : '',
    `${c.onExpiry}, to ${describeTargets(c.expiry)}`,
  ];
}

/**
 * The Markdown page of one case type's workflow: a Mermaid state diagram (Dutch state titles,
 * transitions labelled with their action and permission, the initial state from `[*]` and every
 * final state to `[*]`), then tables of the states, transitions, deadline clocks and case fields.
 * Pure and deterministic: the same definition always renders the same text, which is what lets a
 * test compare the committed pages with the definitions.
 */
export function renderWorkflowDiagram(module: ChainModuleDefinition, caseTypeId: string): string {
  const caseType = module.caseTypes?.find((t) => t.id === caseTypeId);
  if (!caseType) throw new Error(`chain module "${module.id}" has no case type "${caseTypeId}"`);
  const wf = caseType.workflow;
  const fields = new Map((caseType.fields ?? []).map((f) => [f.id, f]));

  const out = [
    `<!-- Generated by \`${WORKFLOW_DOCS_COMMAND}\` from the definition of case type "${caseType.id}" of chain module "${module.id}". Do not edit. -->`,
    `# ${caseType.title.nl} — ${module.title.nl}`,
    '',
    `Case type ${code(caseType.id)} of chain module ${code(module.id)}. This page is generated from the module's definition by`,
    `${code(WORKFLOW_DOCS_COMMAND)}; a test fails when it no longer matches, so change the definition and run the command again.`,
    '',
    '```mermaid',
    ...stateLines(caseType),
    '```',
    '',
    'Arrows carry the action and, in brackets, the permission it needs.',
    '',
    '## States',
    '',
    ...table(['State', 'nl', 'fr', 'en', 'Initial / final'], wf.states.map((s) => [
      code(s.id), s.title.nl, s.title.fr ?? '', s.title.en ?? '',
      [s.id === wf.initial ? 'initial' : '', s.final ? 'final' : ''].filter(Boolean).join(', '),
    ])),
    '',
    '## Transitions',
    '',
    ...table(['Action', 'Title (nl)', 'From', 'To', 'Permission', 'Required input', 'Sets fields', 'Guard', 'Emits'], wf.transitions.map(transitionRow)),
    '',
    '## Deadline clocks',
    '',
  ];
  if (wf.clocks?.length) {
    out.push(
      ...table(['Clock', 'Title (nl)', 'States', 'Duration', 'Runs from', 'When', 'Warning', 'On expiry'], wf.clocks.map((c) => clockRow(c, fields))),
      '',
      'Durations are the defaults of the definition; a district may configure its own.',
    );
  } else {
    out.push('This case type has no deadline clocks.');
  }
  out.push('', '## Case fields', '');
  if (caseType.fields?.length) {
    out.push(...table(['Field', 'Title (nl)', 'Type', 'Required at registration', 'Pattern'], caseType.fields.map((f) => [
      code(f.id), f.title.nl, f.type, f.requiredAtRegistration ? 'yes' : 'no', f.pattern ? code(f.pattern) : '',
    ])));
  } else {
    out.push('This case type declares no fields.');
  }
  return `${out.join('\n')}\n`;
}
