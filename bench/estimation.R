# Times R `survey` on the same work as the TypeScript engine: every base indicator, the nation and every
# province, schemes design, design_fpc and raked, with svymean (deff) and svyciprop xlogit and beta.
# Usage: Rscript bench/estimation.R MICRODATA.csv MARGINS.csv [INDICATOR…] (default: every base indicator;
# `overall` and `elem_<element>` name them as the engine does).
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = c(province_code = "character", stratum = "character", psu = "character"))
m <- read.csv(args[2], colClasses = c(province_code = "character"))

elements <- list(
  access = paste0("q_access_", 1:4), procedure = paste0("q_procedure_", 1:4), staff = paste0("q_staff_", 1:5),
  result = paste0("q_result_", 1:3), feedback = paste0("q_feedback_", 1:3),
  policy_info = paste0("q_policy_info_", 1:2), policy_participation = paste0("q_policy_participation_", 1:2),
  policy_quality = paste0("q_policy_quality_", 1:9), policy_impact = paste0("q_policy_impact_", 1:2)
)
satisfied <- function(cols) {
  x <- as.matrix(d[cols]); k <- rowSums(!is.na(x)); s <- rowSums(x, na.rm = TRUE)
  ifelse(k == 0, NA, as.numeric(s >= 4 * k))
}
d$i_overall <- ifelse(is.na(d$overall), NA, as.numeric(d$overall >= 4))
for (e in names(elements)) d[[paste0("elem_", e)]] <- satisfied(elements[[e]])
indicators <- c("i_overall", paste0("elem_", names(elements)))
if (length(args) > 2) indicators <- sub("^overall$", "i_overall", args[-(1:2)])

started <- proc.time()[["elapsed"]]
design <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, nest = TRUE, data = d)
design_fpc <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc_psu, nest = TRUE, data = d)
formula <- ~0 + province_code:sex + province_code:age_group
columns <- colnames(model.matrix(formula, model.frame(formula, d)))
total <- function(name) {
  parts <- strsplit(name, ":", fixed = TRUE)[[1]]
  province <- sub("^province_code", "", parts[1])
  variable <- if (startsWith(parts[2], "sex")) "sex" else "age_group"
  level <- sub(paste0("^", variable), "", parts[2])
  m$total[m$margin == variable & m$province_code == province & m$level == level]
}
population <- setNames(vapply(columns, total, numeric(1)), columns)
raked <- calibrate(design, formula, population = population, calfun = "raking", epsilon = 1e-10, maxit = 100)

for (des in list(design, design_fpc, raked)) {
  for (ind in indicators) {
    f <- as.formula(paste0("~", ind))
    svymean(f, des, na.rm = TRUE, deff = TRUE)
    svyciprop(f, des, method = "xlogit", na.rm = TRUE)
    svyciprop(f, des, method = "beta", na.rm = TRUE)
    svyby(f, ~province_code, des, svymean, na.rm = TRUE, deff = TRUE)
    svyby(f, ~province_code, des, svyciprop, method = "xlogit", vartype = "ci", na.rm = TRUE)
    svyby(f, ~province_code, des, svyciprop, method = "beta", vartype = "ci", na.rm = TRUE)
  }
}
cat(sprintf("%.3f\n", proc.time()[["elapsed"]] - started))
