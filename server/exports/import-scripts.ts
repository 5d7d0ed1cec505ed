import type { IndexDefinition } from '../surveys/index-definition';
import type { CodebookVariable } from './codebook';

/** What the scripts say about where the data came from, and the figures they should reproduce. */
export interface ScriptContext {
  title: string;
  runId: string;
  notice: string | null;
  hasMargins: boolean;
  definition: IndexDefinition;
  /**
   * The run's national estimates of the headline index, to print beside R's: linearised (`design`, `raked`) and
   * JKn (`designJkn`, `rakedJkn`), each null when the run does not have that scheme.
   */
  expected: {
    indicator: string;
    design: Figure | null;
    raked: Figure | null;
    designJkn?: Figure | null;
    rakedJkn?: Figure | null;
  };
}

interface Figure {
  p: number | null;
  se: number | null;
}

const rString = (text: string) => JSON.stringify(text);
const rVector = (items: readonly (string | number)[]) => `c(${items.map((i) => (typeof i === 'number' ? String(i) : rString(i))).join(', ')})`;
const rNumber = (x: number | null | undefined) => (x === null || x === undefined ? 'NA' : String(x));

/** Every indicator's parts as weights on element indicators (composites of composites flattened). */
function compositeWeights(definition: IndexDefinition, id: string): Map<string, number> {
  const composite = definition.composites.find((c) => c.id === id);
  const out = new Map<string, number>();
  if (!composite) {
    out.set(id, 1);
    return out;
  }
  for (const part of composite.parts) {
    for (const [name, w] of compositeWeights(definition, part)) out.set(name, (out.get(name) ?? 0) + w / composite.parts.length);
  }
  return out;
}

/**
 * An R script that reads the microdata with value labels, declares the design with `survey::svydesign`
 * (and the raked design with `calibrate`, as the platform does), builds the indicators of METHOD.md §3 and
 * prints the national headline index next to the run's own figures.
 */
export function rScript(variables: readonly CodebookVariable[], ctx: ScriptContext): string {
  const categorical = variables.filter((v) => v.kind === 'categorical' && v.values.length && v.name !== 'sex' && v.name !== 'age_group');
  const elements = ctx.definition.elements;
  const weights = compositeWeights(ctx.definition, ctx.expected.indicator);
  const lines = [
    `# ${ctx.title} — microdata import for R (survey package)`,
    `# Estimation run ${ctx.runId}.${ctx.notice ? ` ${ctx.notice}.` : ''}`,
    '# Usage: Rscript import.R [folder with microdata.csv]   (or source() it with sipas_dir set)',
    'suppressMessages(library(survey))',
    'options(survey.lonely.psu = "adjust")',
    'args <- commandArgs(trailingOnly = TRUE)',
    'sipas_dir <- if (exists("sipas_dir")) sipas_dir else if (length(args) > 0) args[1] else "."',
    'd <- read.csv(file.path(sipas_dir, "microdata.csv"), encoding = "UTF-8", na.strings = "",',
    '  colClasses = c(respondent_id = "integer", province_code = "character", stratum = "character", psu = "character", sex = "character", age_group = "character"))',
    '',
    '# Indicators (METHOD.md §3): satisfied = answer 4 or 5; an element is satisfied when the mean of its answered statements is >= 4.',
    'satisfied <- function(cols) {',
    '  x <- as.matrix(d[cols]); k <- rowSums(!is.na(x)); s <- rowSums(x, na.rm = TRUE)',
    `  ifelse(k == 0, NA, as.numeric(s >= ${ctx.definition.satisfiedMin} * k))`,
    '}',
    ...(ctx.definition.overall ? [`d$i_overall <- ifelse(is.na(d$${ctx.definition.overall}), NA, as.numeric(d$${ctx.definition.overall} >= ${ctx.definition.satisfiedMin}))`] : []),
    ...elements.map((e) => `d$elem_${e.id} <- satisfied(${rVector(e.items)})`),
    '',
    '# Value labels of the coded answers (Vietnamese).',
    ...categorical.map((v) => `d$${v.name} <- factor(d$${v.name}, levels = ${rVector(v.values.map((x) => String(x.value)))}, labels = ${rVector(v.values.map((x) => x.label.vi))})`),
    '',
    '# The design: strata, PSUs nested in strata, design weights.',
    'design <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, nest = TRUE, data = d)',
  ];
  if (ctx.hasMargins) {
    lines.push(
      '# Raked design: calibrated to province x sex and province x age group totals (margins.csv), as the platform does.',
      '# Its weights equal the column weight_final.',
      'm <- read.csv(file.path(sipas_dir, "margins.csv"), colClasses = c(province_code = "character"), encoding = "UTF-8")',
      'formula <- ~0 + province_code:sex + province_code:age_group',
      'columns <- colnames(model.matrix(formula, model.frame(formula, d)))',
      'total <- function(name) {',
      '  parts <- strsplit(name, ":", fixed = TRUE)[[1]]',
      '  province <- sub("^province_code", "", parts[1])',
      '  variable <- if (startsWith(parts[2], "sex")) "sex" else "age_group"',
      '  level <- sub(paste0("^", variable), "", parts[2])',
      '  m$total[m$margin == variable & m$province_code == province & m$level == level]',
      '}',
      'population <- setNames(vapply(columns, total, numeric(1)), columns)',
      'raked <- calibrate(design, formula, population = population, calfun = "raking", epsilon = 1e-10, maxit = 100)',
    );
  }
  lines.push(
    '',
    '# A composite index is the mean of its parts\' estimates; its SE comes from the same mean of the parts\'',
    '# linearisation variables r = (y - p) / sum(w) on each part\'s domain (METHOD.md §3, §5).',
    'composite <- function(des, parts) {',
    '  w <- weights(des); r <- numeric(length(w)); p <- 0',
    '  for (name in names(parts)) {',
    '    y <- des$variables[[name]]; ok <- !is.na(y)',
    '    W <- sum(w[ok]); pk <- sum(w[ok] * y[ok]) / W',
    '    r <- r + parts[[name]] * ifelse(ok, (y - pk) / W, 0); p <- p + parts[[name]] * pk',
    '  }',
    '  des$variables$lin_r <- r',
    '  c(p = p, se = unname(SE(svytotal(~lin_r, des))))',
    '}',
    `parts <- ${`c(${[...weights].map(([name, w]) => `${name === 'overall' ? 'i_overall' : name} = ${w}`).join(', ')})`}`,
  );
  const { design, raked, designJkn, rakedJkn } = ctx.expected;
  const jkn = Boolean(designJkn || rakedJkn);
  // Linearised figures when the run has them (or has no JKn ones), JKn ones when it has those.
  if (design || !jkn) {
    lines.push(
      `cat(${rString(`National ${ctx.expected.indicator} (design weights): R = `)}, format(composite(design, parts), digits = 15),`,
      `  ${rString(' / run = ')}, ${rNumber(design?.p)}, ${rNumber(design?.se)}, "\\n")`,
    );
  }
  if (ctx.hasMargins && (raked || !jkn)) {
    lines.push(
      `cat(${rString(`National ${ctx.expected.indicator} (raked): R = `)}, format(composite(raked, parts), digits = 15),`,
      `  ${rString(' / run = ')}, ${rNumber(raked?.p)}, ${rNumber(raked?.se)}, "\\n")`,
    );
  }
  if (jkn) {
    lines.push(
      '',
      '# JKn replicate variance (METHOD.md §5): delete one PSU, reweight its stratum; mse = TRUE centres on the full',
      '# sample. The raked replicates are raked again, each to the same margins, as the platform does. (A replicate',
      '# that leaves a province without a margin level gives NaN weights in R; the platform merges that level.)',
      'jkn <- as.svrepdesign(design, type = "JKn", mse = TRUE)',
      'replicated <- function(des, parts) {',
      '  x <- withReplicates(des, function(w, data) {',
      '    p <- 0',
      '    for (name in names(parts)) { y <- data[[name]]; ok <- !is.na(y); p <- p + parts[[name]] * sum(w[ok] * y[ok]) / sum(w[ok]) }',
      '    p',
      '  })',
      '  c(p = unname(coef(x)), se = unname(SE(x)))',
      '}',
      `cat(${rString(`National ${ctx.expected.indicator} (design weights, JKn): R = `)}, format(replicated(jkn, parts), digits = 15),`,
      `  ${rString(' / run = ')}, ${rNumber(designJkn?.p)}, ${rNumber(designJkn?.se)}, "\\n")`,
    );
    if (ctx.hasMargins) {
      lines.push(
        'margin <- function(variable) {',
        '  x <- m[m$margin == variable, c("province_code", "level", "total")]',
        '  names(x) <- c("province_code", variable, "Freq")',
        '  x',
        '}',
        'jkn_raked <- rake(jkn, list(~province_code + sex, ~province_code + age_group), list(margin("sex"), margin("age_group")),',
        '  control = list(maxit = 200, epsilon = 1e-12))',
        `cat(${rString(`National ${ctx.expected.indicator} (raked, JKn): R = `)}, format(replicated(jkn_raked, parts), digits = 15),`,
        `  ${rString(' / run = ')}, ${rNumber(rakedJkn?.p)}, ${rNumber(rakedJkn?.se)}, "\\n")`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const stataString = (text: string) => `\`"${text.replace(/[\r\n]+/g, ' ')}"'`;

/**
 * A Stata do-file: imports the CSV as UTF-8, turns coded answers into labelled numeric variables, and
 * declares the design with `svyset` (PSUs nested in strata, single-PSU strata centred like R's "adjust").
 */
export function stataScript(variables: readonly CodebookVariable[], ctx: ScriptContext): string {
  const lines = [
    `* ${ctx.title} — microdata import for Stata 14+`,
    `* Estimation run ${ctx.runId}.${ctx.notice ? ` ${ctx.notice}.` : ''}`,
    '* Usage: cd to the folder with microdata.csv, then: do import.do',
    'clear',
    'import delimited using "microdata.csv", encoding("utf-8") varnames(1) case(preserve) stringcols(3 4 5) clear',
  ];
  for (const v of variables) {
    if (v.kind === 'categorical' && v.values.length) {
      const codes = v.values.map((x, k) => `${k + 1} ${stataString(String(x.value))}`).join(' ');
      const labels = v.values.map((x, k) => `${k + 1} ${stataString(x.label.vi)}`).join(' ');
      lines.push(
        `label define ${v.name} ${codes}, replace`,
        `encode ${v.name}, generate(_coded) label(${v.name}) noextend`,
        `drop ${v.name}`,
        `rename _coded ${v.name}`,
        `label define ${v.name} ${labels}, modify`,
      );
    } else if ((v.kind === 'binary' || v.kind === 'rating') && v.values.length) {
      lines.push(`label define ${v.name} ${v.values.map((x) => `${x.value} ${stataString(x.label.vi)}`).join(' ')}, replace`, `label values ${v.name} ${v.name}`);
    }
    lines.push(`label variable ${v.name} ${stataString(v.label.vi.slice(0, 80))}`);
  }
  lines.push(
    'egen long _stratum = group(stratum)',
    'egen long _psu = group(stratum psu)',
    '* Design weights; for the raked design use [pweight = weight_final].',
    'svyset _psu [pweight = weight], strata(_stratum) singleunit(centered)',
  );
  return `${lines.join('\n')}\n`;
}
