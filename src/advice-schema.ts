/**
 * The zod schema of vmvc's JSON advice. The published JSON Schema
 * (schema/advice.schema.json, `vmvc schema advice`) is generated from it, and
 * the Advice type is inferred from it, so the three cannot drift apart.
 * Loaded only by `vmvc schema` and the tests: printing advice needs no zod.
 */
import { z } from 'zod';
import { ORIGINS } from './answers.js';

/** Bumped whenever the JSON shape of Advice changes; tests pin each version's schema. */
export const ADVICE_SCHEMA_VERSION = 5;

const sources = z.array(z.string()).describe('file names of the sources cited');
const effect = z.strictObject({
  require: z.literal('vm').optional(),
  favour: z.enum(['container', 'vm']).optional(),
  weight: z.number().optional(),
  exclude: z.array(z.string()).optional(),
});
const origin = z.enum(ORIGINS);

export const adviceSchema = z
  .strictObject({
    schemaVersion: z.literal(ADVICE_SCHEMA_VERSION),
    recommendation: z.string().describe('outcome id: vm, container or containers-in-vm with the built-in rules'),
    headline: z.string(),
    summary: z.string(),
    reasons: z
      .array(
        z.strictObject({
          rule: z.string(),
          text: z.string(),
          sources,
          effect,
          assumed: z.array(z.string()).optional().describe('questions the rule reads that nobody answered (assumed or not asked): the reason rests on their defaults'),
        }),
      )
      .describe('the rules that fired, in rules-file order'),
    notes: z.array(z.strictObject({ id: z.string(), text: z.string(), sources })),
    evidence: z
      .record(z.string(), z.array(z.strictObject({ file: z.string(), line: z.number().int().min(1), found: z.string(), why: z.string() })))
      .optional()
      .describe('with --scan: question id -> the lines of the repository that bear on it (file relative to the folder scanned)'),
    title: z.string().optional().describe('the workload, as named by --title'),
    config: z.string().optional().describe('the project config file in effect (vmvc.config.yaml, .vmvc.yaml, --config), when there is one'),
    answers: z.record(z.string(), z.string()).describe('question id -> choice id used'),
    answerOrigins: z.record(z.string(), origin).describe('question id -> where its answer came from'),
    assumed: z.array(z.string()).describe('question ids nobody answered, so the default was used'),
    unsure: z.array(z.string()).describe('question ids answered "unsure" (any choice); a stand-in choice is used for each (standIns)'),
    standIns: z
      .array(z.strictObject({ question: z.string(), choice: z.string(), why: z.enum(['careful', 'default']) }))
      .describe('for each unsure answer, the choice that stood in: the careful side the rules declare (if-unsure), else the default'),
    notAsked: z
      .array(z.string())
      .describe('question ids the wizard did not ask because no answer to them could change the recommendation; their default was used'),
    confidence: z
      .enum(['firm', 'depends'])
      .describe('firm: the recommendation holds for every combination of the unsure and assumed answers; depends: some combination changes it'),
    dependsOn: z
      .array(
        z.strictObject({
          question: z.string(),
          answer: z.string().describe('the choice used (its default)'),
          origin: z.enum(['unsure', 'assumed']),
          outcomes: z.array(z.string()).describe('outcomes that changing this answer (alone or with the other open answers) can lead to'),
          byChoice: z.record(z.string(), z.string()).describe('choice -> the recommendation with every other answer as used'),
        }),
      )
      .describe('each unsure or assumed question the recommendation hangs on, in question order'),
    confidenceCheck: z
      .strictObject({
        combinations: z.number().describe('combinations of the unsure and assumed answers'),
        checked: z.number(),
        exhaustive: z.boolean().describe('false when there were too many and a seeded sample was checked'),
      })
      .describe('how the confidence was established'),
    flips: z
      .array(
        z.strictObject({
          question: z.string(),
          from: z.string(),
          to: z.string(),
          recommendation: z.string(),
          assuming: z
            .array(z.strictObject({ question: z.string(), choice: z.string() }))
            .optional()
            .describe('present when the change gives this recommendation only with these unsure answers at the choices that stood in for them'),
        }),
      )
      .describe('every single-answer change that changes the recommendation, in question order'),
    scores: z.strictObject({
      container: z.number(),
      vm: z.number(),
      margin: z.number().describe('container - vm'),
    }),
    vmRequirement: z.strictObject({ holds: z.boolean(), rules: z.array(z.string()) }),
    decidingRows: z.array(z.string()).describe('comparison row ids the fired rules that argue for the recommendation lean on'),
    tradeOffRows: z.array(z.string()).describe('comparison row ids only the fired rules that argue against it lean on: what the recommendation gives up'),
    rulesVersion: z.number(),
    trace: z
      .strictObject({
        rules: z.array(
          z.strictObject({ rule: z.string(), fired: z.boolean(), condition: z.string(), failed: z.string().optional() }),
        ),
        outcomes: z.array(
          z.strictObject({
            outcome: z.string(),
            status: z.enum(['chosen', 'excluded', 'gate-failed', 'not-tried']),
            why: z.string(),
          }),
        ),
      })
      .optional()
      .describe('present with --explain: every rule and outcome with why it did or did not apply'),
  })
  .describe('vmvc advise --format json');

/** The JSON Schema of the advice object, as published in schema/advice.schema.json. */
export function adviceJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(adviceSchema, { target: 'draft-2020-12' }),
    $id: `urn:vmvc:schema:advice:v${ADVICE_SCHEMA_VERSION}`,
    title: `vmvc advice, schema version ${ADVICE_SCHEMA_VERSION}`,
  };
}
