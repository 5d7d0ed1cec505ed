import type { QuestionnaireProblem } from './invalid-questionnaire.error';
import { bilingualText } from './question-catalogue';
import type {
  ChoiceValue, ItemJson, Questionnaire, QuestionnaireElement, QuestionnaireQuestion,
} from './questionnaire.schema';
import type { ConditionTable } from './validation-plan.conditions';
import type { FieldRule } from './validation-plan.types';

/** What a question inherits from its page and enclosing panels. */
interface Scope {
  path: string;
  visibleIf: number[];
  enableIf: number[];
  hidden: boolean;
  readOnly: boolean;
}

interface Limits {
  text: number;
  comment: number;
}

interface Logic {
  visible?: boolean;
  visibleIf?: string;
  readOnly?: boolean;
  enableIf?: string;
}

const valueOf = (item: ItemJson): ChoiceValue => (typeof item === 'object' ? item.value : item);

/** Walks pages and panels once, turning every answerable question into a `FieldRule`. */
export class FieldCollector {
  readonly fields: FieldRule[] = [];
  readonly problems: QuestionnaireProblem[] = [];
  private readonly names = new Set<string>();

  constructor(private readonly conditions: ConditionTable, private readonly limits: Limits) {}

  collect(questionnaire: Questionnaire): void {
    questionnaire.pages.forEach((page, i) => {
      const root: Scope = { path: `pages.${i}`, visibleIf: [], enableIf: [], hidden: false, readOnly: false };
      this.walk(page.elements, this.enter(root, page, root.path));
    });
  }

  private enter(scope: Scope, element: Logic, path: string): Scope {
    return {
      path,
      visibleIf: element.visibleIf ? [...scope.visibleIf, this.conditions.add(element.visibleIf, `${path}.visibleIf`)] : scope.visibleIf,
      enableIf: element.enableIf ? [...scope.enableIf, this.conditions.add(element.enableIf, `${path}.enableIf`)] : scope.enableIf,
      hidden: scope.hidden || element.visible === false,
      readOnly: scope.readOnly || element.readOnly === true,
    };
  }

  private walk(elements: readonly QuestionnaireElement[], scope: Scope): void {
    elements.forEach((element, i) => {
      const path = `${scope.path}.elements.${i}`;
      if (element.type === 'html') return;
      const inner = this.enter(scope, element, path);
      if (element.type === 'panel') this.walk(element.elements, inner);
      else this.add(element, inner);
    });
  }

  private add(question: QuestionnaireQuestion, scope: Scope): void {
    if (this.names.has(question.name)) {
      this.problems.push({ path: scope.path, message: `question name "${question.name}" is used twice` });
      return;
    }
    this.names.add(question.name);
    const base = {
      name: question.name,
      questionType: question.type,
      title: bilingualText(question.title, question.name),
      isRequired: question.isRequired === true,
      requiredIf: question.requiredIf ? this.conditions.add(question.requiredIf, `${scope.path}.requiredIf`) : null,
      visibleIf: scope.visibleIf,
      enableIf: scope.enableIf,
      alwaysHidden: scope.hidden,
      alwaysReadOnly: scope.readOnly,
    };
    const rule = this.rule(question, base, scope.path);
    if (rule) this.fields.push(rule);
  }

  private rule(q: QuestionnaireQuestion, base: Omit<FieldRule, 'kind'>, path: string): FieldRule | null {
    switch (q.type) {
      case 'rating': {
        const values = q.rateValues?.length ? q.rateValues.map(valueOf) as number[] : this.range(q.rateMin ?? 1, q.rateMax ?? 5, q.rateStep ?? 1);
        if (!values.length) this.problems.push({ path, message: `rating "${q.name}" has no values` });
        return { ...base, kind: 'rating', values, allowed: this.distinct(values, path) };
      }
      case 'radiogroup':
      case 'dropdown': {
        const choices = this.choices(q.choices, path);
        return { ...base, kind: 'choice', choices, allowed: choices && new Set(choices) };
      }
      case 'checkbox': {
        const choices = this.choices(q.choices, path);
        const exclusive = (q.choices ?? []).filter((c) => typeof c === 'object' && c.isExclusive).map(valueOf);
        const minSelected = q.minSelectedChoices ?? 0;
        const maxSelected = q.maxSelectedChoices || Infinity;
        if (minSelected > maxSelected) this.problems.push({ path, message: `"${q.name}" needs more choices than it allows` });
        return { ...base, kind: 'choices', choices, allowed: choices && new Set(choices), exclusive: new Set(exclusive), minSelected, maxSelected };
      }
      case 'boolean':
        return { ...base, kind: 'boolean', valueTrue: q.valueTrue ?? true, valueFalse: q.valueFalse ?? false };
      case 'text':
      case 'comment': {
        const own = q.maxLength ?? -1;
        return { ...base, kind: 'text', maxLength: own > 0 ? own : this.limits[q.type] };
      }
      case 'matrix': {
        const rows = [...this.distinct(q.rows.map(valueOf), `${path}.rows`)].map(String);
        return {
          ...base, kind: 'matrix', rows, rowSet: new Set(rows),
          columns: this.distinct(q.columns.map(valueOf), `${path}.columns`), eachRowRequired: q.eachRowRequired === true,
        };
      }
    }
  }

  /** `null` when the list is empty: the platform fills those choices at run time. */
  private choices(items: readonly ItemJson[] | undefined, path: string): ChoiceValue[] | null {
    if (!items?.length) return null;
    return [...this.distinct(items.map(valueOf), `${path}.choices`)];
  }

  private distinct<T extends ChoiceValue>(values: readonly T[], path: string): Set<T> {
    const set = new Set(values);
    if (set.size < values.length) this.problems.push({ path, message: 'the same value is listed twice' });
    return set;
  }

  private range(min: number, max: number, step: number): number[] {
    const values: number[] = [];
    for (let v = min; v <= max + 1e-9; v += step) values.push(Math.round(v * 1e9) / 1e9);
    return values;
  }
}
