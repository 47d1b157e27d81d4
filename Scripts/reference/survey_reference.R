#!/usr/bin/env Rscript
# Generate reference values for the weighted estimators in SurveyStatistics with R's survey
# package. Writes Tests/SurveyStatisticsTests/Fixtures/weighted.json, recording the R and survey
# versions. Run from the repository root:
#
#     Rscript Scripts/reference/survey_reference.R
#
# Each case is a single-stage design without strata or clusters:
#     d <- svydesign(ids = ~1, weights = ~w, data = data)
# and the fixture holds svymean(~y, d) with its SE and deff = "replace", confint() (df = Inf),
# svyciprop(~I(y == 1), d) with method "logit" and "mean" (t with degf(d) = n - 1), and Kish's
# effective sample size. The input data are written with 17 significant digits.

suppressMessages(library(survey))

number <- function(x) {
  if (!is.finite(x)) stop("non-finite reference value")
  sprintf("%.17g", x)
}
numbers <- function(x) paste0("[", paste(vapply(x, number, ""), collapse = ", "), "]")

make_case <- function(label, y, w, binary) {
  data <- data.frame(y = y, w = w)
  design <- svydesign(ids = ~1, weights = ~w, data = data)
  m <- svymean(~y, design, deff = "replace")
  ci <- confint(m, level = 0.95)
  fields <- c(
    sprintf('"label": "%s"', label),
    sprintf('"values": %s', numbers(y)),
    sprintf('"weights": %s', numbers(w)),
    sprintf('"mean": %s', number(coef(m)[[1]])),
    sprintf('"standardError": %s', number(SE(m)[[1]])),
    sprintf('"designEffect": %s', number(deff(m)[[1]])),
    sprintf('"normalLower": %s', number(ci[1, 1])),
    sprintf('"normalUpper": %s', number(ci[1, 2])),
    sprintf('"effectiveSampleSize": %s', number(sum(w)^2 / sum(w^2))),
    sprintf('"degreesOfFreedom": %s', number(degf(design)))
  )
  if (binary) {
    for (level in c(0.95, 0.9)) {
      logit <- svyciprop(~I(y == 1), design, method = "logit", level = level)
      wald <- svyciprop(~I(y == 1), design, method = "mean", level = level)
      suffix <- if (level == 0.95) "" else "90"
      fields <- c(
        fields,
        sprintf('"logitLower%s": %s', suffix, number(attr(logit, "ci")[[1]])),
        sprintf('"logitUpper%s": %s', suffix, number(attr(logit, "ci")[[2]])),
        sprintf('"meanLower%s": %s', suffix, number(attr(wald, "ci")[[1]])),
        sprintf('"meanUpper%s": %s', suffix, number(attr(wald, "ci")[[2]]))
      )
    }
  }
  paste0("  {\n   ", paste(fields, collapse = ",\n   "), "\n  }")
}

set.seed(20240611)
cases <- list()
n <- 300
w <- round(runif(n, 0.3, 4.5), 3)
cases[[length(cases) + 1]] <- make_case(
  "300 rows, binary, weights 0.3-4.5", rbinom(n, 1, 0.35), w, TRUE)
cases[[length(cases) + 1]] <- make_case(
  "300 rows, WEMWBS-like totals", as.numeric(sample(14:70, n, replace = TRUE)), w, FALSE)
n <- 450
w <- round(rlnorm(n, 0, 0.8), 4)
cases[[length(cases) + 1]] <- make_case(
  "450 rows, binary, log-normal weights", rbinom(n, 1, 0.12), w, TRUE)
n <- 40
w <- round(runif(n, 0.5, 2), 2)
cases[[length(cases) + 1]] <- make_case(
  "40 rows, binary, rare outcome", c(1, 1, rep(0, 38)), w, TRUE)
n <- 12
w <- c(1, 1, 2, 0.5, 3, 1, 1, 2.25, 0.75, 1, 4, 1)
cases[[length(cases) + 1]] <- make_case(
  "12 rows, binary", c(1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 0), w, TRUE)
cases[[length(cases) + 1]] <- make_case(
  "12 rows, scores", c(3, 5, 2, 4, 4, 1, 5, 3, 2, 2, 5, 4), w, FALSE)
n <- 200
w <- round(runif(n, 0.5, 3), 3)
w[c(5, 17, 90)] <- 0
cases[[length(cases) + 1]] <- make_case(
  "200 rows, binary, three zero weights", rbinom(n, 1, 0.5), w, TRUE)

header <- paste0(
  '{\n "generator": {"script": "Scripts/reference/survey_reference.R", "R": "',
  paste(R.version$major, R.version$minor, sep = "."),
  '", "survey": "', as.character(packageVersion("survey")), '"},\n "cases": [\n')
out <- paste0(header, paste(unlist(cases), collapse = ",\n"), "\n ]\n}\n")
path <- file.path("Tests", "SurveyStatisticsTests", "Fixtures", "weighted.json")
writeLines(out, path, sep = "")
cat("wrote", path, "\n")
