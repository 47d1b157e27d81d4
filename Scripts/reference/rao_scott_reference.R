#!/usr/bin/env Rscript
# Reference values for the Rao-Scott test of independence (SurveyStatistics.RaoScottTest) from R's
# survey package. Writes Tests/SurveyStatisticsTests/Fixtures/rao-scott.json, recording the R and
# survey versions. Run from the repository root:
#
#     Rscript Scripts/reference/rao_scott_reference.R
#
# Each case is a single-stage design without strata or clusters built from the rows of the table,
#     d <- svydesign(ids = ~1, weights = ~w, data = data)
# and the fixture holds svychisq(~row + col, d) with its default statistic = "F" (Rao-Scott
# second-order: F, ndf, ddf, p-value), the first-order statistic = "Chisq", and Pearson's X² on
# svytable(~row + col, d, Ntotal = n). Alongside, for the test's input, the sums of the weights
# and of the squared weights in each cell. Weights are written with 17 significant digits.

suppressMessages(library(survey))

number <- function(x) {
  if (!is.finite(x)) stop("non-finite reference value")
  sprintf("%.17g", x)
}
matrix_json <- function(m) {
  paste0("[", paste(apply(m, 1, function(r) paste0("[", paste(vapply(r, number, ""), collapse = ", "), "]")), collapse = ", "), "]")
}

make_case <- function(label, row, col, w) {
  data <- data.frame(row = factor(row), col = factor(col), w = w)
  design <- svydesign(ids = ~1, weights = ~w, data = data)
  f <- svychisq(~row + col, design)
  first <- svychisq(~row + col, design, statistic = "Chisq")
  pearson <- suppressWarnings(chisq.test(svytable(~row + col, design, Ntotal = nrow(data)), correct = FALSE))
  sums <- tapply(w, list(data$row, data$col), sum)
  squares <- tapply(w^2, list(data$row, data$col), sum)
  sums[is.na(sums)] <- 0
  squares[is.na(squares)] <- 0
  fields <- c(
    sprintf('"label": "%s"', label),
    sprintf('"respondents": %d', nrow(data)),
    sprintf('"weights": %s', matrix_json(sums)),
    sprintf('"squaredWeights": %s', matrix_json(squares)),
    sprintf('"pearsonChiSquare": %s', number(unname(pearson$statistic))),
    sprintf('"statistic": %s', number(unname(f$statistic))),
    sprintf('"numeratorDegreesOfFreedom": %s', number(unname(f$parameter[1]))),
    sprintf('"denominatorDegreesOfFreedom": %s', number(unname(f$parameter[2]))),
    sprintf('"pValue": %s', number(unname(f$p.value))),
    sprintf('"firstOrderStatistic": %s', number(unname(first$statistic))),
    sprintf('"firstOrderPValue": %s', number(unname(first$p.value)))
  )
  paste0("  {\n   ", paste(fields, collapse = ",\n   "), "\n  }")
}

set.seed(20261123)
cases <- list()
n <- 400
cases[[length(cases) + 1]] <- make_case("400 rows, 4 areas x 5 answers, weights 0.3-4.5",
  sample(c("A", "B", "C", "D"), n, replace = TRUE),
  sample(1:5, n, replace = TRUE, prob = c(0.1, 0.25, 0.3, 0.2, 0.15)),
  round(runif(n, 0.3, 4.5), 3))
n <- 250
g <- sample(c("16-34", "35-64", "65+"), n, replace = TRUE)
cases[[length(cases) + 1]] <- make_case("250 rows, 3 ages x 2, associated, log-normal weights",
  g, ifelse(runif(n) < ifelse(g == "65+", 0.5, 0.25), "yes", "no"),
  round(rlnorm(n, 0, 0.7), 4))
n <- 60
cases[[length(cases) + 1]] <- make_case("60 rows, 2 x 2",
  sample(c("intervention", "comparison"), n, replace = TRUE),
  sample(c("lonely", "not lonely"), n, replace = TRUE, prob = c(0.3, 0.7)),
  round(runif(n, 0.5, 2), 2))
row <- c(rep("A", 20), rep("B", 20), rep("C", 20))
col <- c(rep(1, 12), rep(2, 8), rep(1, 5), rep(2, 10), rep(3, 5), rep(2, 14), rep(3, 6))
cases[[length(cases) + 1]] <- make_case("60 rows, 3 x 3 with two empty cells",
  row, col, round(runif(60, 0.4, 3), 3))
n <- 120
cases[[length(cases) + 1]] <- make_case("120 rows, every weight 1",
  sample(c("X", "Y", "Z"), n, replace = TRUE), sample(1:4, n, replace = TRUE), rep(1, n))

header <- paste0(
  '{\n "generator": {"script": "Scripts/reference/rao_scott_reference.R", "R": "',
  paste(R.version$major, R.version$minor, sep = "."),
  '", "survey": "', as.character(packageVersion("survey")), '"},\n "cases": [\n')
out <- paste0(header, paste(unlist(cases), collapse = ",\n"), "\n ]\n}\n")
path <- file.path("Tests", "SurveyStatisticsTests", "Fixtures", "rao-scott.json")
writeLines(out, path, sep = "")
cat("wrote", path, "\n")
