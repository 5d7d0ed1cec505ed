import { z } from 'zod';

/**
 * The subset of SurveyJS JSON that the server-side validation plan understands.
 *
 * Objects are loose: layout and display properties (`rateType`, `placeholder`, `widthMode`, …) pass through
 * untouched. Properties that would change which answers are valid, or where they are stored, are rejected
 * by name, so a questionnaire never validates differently on the server than in the browser.
 */
function unsupported<K extends string>(keys: readonly K[]): Record<K, z.ZodOptional<z.ZodNever>> {
  const shape = {} as Record<K, z.ZodOptional<z.ZodNever>>;
  for (const key of keys) {
    shape[key] = z.never({ error: `"${key}" is not supported by the server-side validation plan` }).optional();
  }
  return shape;
}

const expression = z.string().trim().min(1);
const localizable = z.union([z.string(), z.record(z.string(), z.string())]);
const choiceValue = z.union([z.string().min(1), z.number().finite()]);

/** Conditions shared by questions, panels and pages. */
const logic = {
  visible: z.boolean().optional(),
  visibleIf: expression.optional(),
  readOnly: z.boolean().optional(),
  enableIf: expression.optional(),
};

const itemObject = { value: choiceValue, text: localizable.optional(), ...unsupported(['visibleIf', 'enableIf']) };
const item = z.union([choiceValue, z.looseObject(itemObject)]);
const checkboxItem = z.union([choiceValue, z.looseObject({ ...itemObject, isExclusive: z.boolean().optional() })]);
const ratingItem = z.union([z.number().finite(), z.looseObject({ ...itemObject, value: z.number().finite() })]);

const question = {
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a question name is a letter or _ followed by letters, digits or _'),
  title: localizable.optional(),
  isRequired: z.boolean().optional(),
  requiredIf: expression.optional(),
  ...logic,
  ...unsupported(['valueName', 'validators', 'showCommentArea', 'hasComment', 'useDisplayValuesInDynamicTexts']),
};

const choicesUnsupported = unsupported([
  'choicesByUrl', 'choicesFromQuestion', 'choicesVisibleIf', 'choicesEnableIf',
  'showOtherItem', 'hasOther', 'showNoneItem', 'hasNone', 'showRefuseItem', 'showDontKnowItem',
]);

const ratingSchema = z.looseObject({
  type: z.literal('rating'),
  ...question,
  rateValues: z.array(ratingItem).optional(),
  rateMin: z.number().finite().optional(),
  rateMax: z.number().finite().optional(),
  rateStep: z.number().positive().optional(),
  ...unsupported(['rateCount', 'autoGenerate']),
});

const singleChoiceSchema = z.looseObject({
  type: z.enum(['radiogroup', 'dropdown']),
  ...question,
  /** An empty or absent list means the platform fills the choices at run time (external choices). */
  choices: z.array(item).optional(),
  ...choicesUnsupported,
  ...unsupported(['allowCustomChoices', 'choicesMin', 'choicesMax', 'choicesStep']),
});

const checkboxSchema = z.looseObject({
  type: z.literal('checkbox'),
  ...question,
  choices: z.array(checkboxItem).optional(),
  minSelectedChoices: z.number().int().nonnegative().optional(),
  maxSelectedChoices: z.number().int().nonnegative().optional(),
  ...choicesUnsupported,
  ...unsupported(['showSelectAllItem', 'hasSelectAll', 'valuePropertyName']),
});

const booleanSchema = z.looseObject({
  type: z.literal('boolean'),
  ...question,
  valueTrue: z.union([z.string(), z.number(), z.boolean()]).optional(),
  valueFalse: z.union([z.string(), z.number(), z.boolean()]).optional(),
});

const textSchema = z.looseObject({
  type: z.literal('text'),
  ...question,
  inputType: z.literal('text').optional(),
  maxLength: z.number().int().optional(),
  ...unsupported(['maskType', 'maskSettings']),
});

const commentSchema = z.looseObject({
  type: z.literal('comment'),
  ...question,
  maxLength: z.number().int().optional(),
});

const matrixSchema = z.looseObject({
  type: z.literal('matrix'),
  ...question,
  rows: z.array(item).min(1),
  columns: z.array(item).min(1),
  eachRowRequired: z.boolean().optional(),
  ...unsupported(['isAllRowRequired', 'eachRowUnique', 'rowsVisibleIf', 'columnsVisibleIf']),
});

const htmlSchema = z.looseObject({ type: z.literal('html'), name: z.string().optional() });

const panelShape = {
  type: z.literal('panel'),
  name: z.string().optional(),
  title: localizable.optional(),
  ...logic,
  ...unsupported(['isRequired', 'requiredIf']),
};
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- only its type is used
const panelBaseSchema = z.looseObject(panelShape);

// Panels nest: the element types are spelled out here so the recursive schemas below can be annotated.
export type QuestionnaireQuestion =
  | z.infer<typeof ratingSchema> | z.infer<typeof singleChoiceSchema> | z.infer<typeof checkboxSchema>
  | z.infer<typeof booleanSchema> | z.infer<typeof textSchema> | z.infer<typeof commentSchema>
  | z.infer<typeof matrixSchema>;
export type QuestionnairePanel = z.infer<typeof panelBaseSchema> & { elements: QuestionnaireElement[] };
export type QuestionnaireElement = QuestionnaireQuestion | z.infer<typeof htmlSchema> | QuestionnairePanel;

const panelSchema = z.looseObject({
  ...panelShape,
  get elements(): z.ZodArray<z.ZodType<QuestionnaireElement>> {
    return z.array(elementSchema);
  },
});

const elementSchema: z.ZodType<QuestionnaireElement> = z.discriminatedUnion('type', [
  ratingSchema, singleChoiceSchema, checkboxSchema, booleanSchema, textSchema, commentSchema, matrixSchema,
  htmlSchema, panelSchema,
], { error: (issue) => (issue.code === 'invalid_union' ? 'unsupported element type' : undefined) });

const pageSchema = z.looseObject({
  name: z.string().optional(),
  title: localizable.optional(),
  ...logic,
  elements: z.array(elementSchema),
});

export const questionnaireSchema = z.looseObject({
  pages: z.array(pageSchema).min(1),
  maxTextLength: z.number().int().optional(),
  maxCommentLength: z.number().int().optional(),
  ...unsupported(['elements', 'questions', 'triggers', 'calculatedValues', 'storeOthersAsComment']),
});

export type Questionnaire = z.infer<typeof questionnaireSchema>;
export type QuestionnairePage = z.infer<typeof pageSchema>;
export type Localizable = z.infer<typeof localizable>;
export type ChoiceValue = z.infer<typeof choiceValue>;
export type ItemJson = z.infer<typeof item>;
