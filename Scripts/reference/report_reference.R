# Reference values for weighted survey reports, from R's survey package.
# Reads Tests/SurveyReportsTests/Fixtures/report-survey.csv (written by report_reference.py) and
# writes report-weighted.json: for the whole sample and each area, for each code of the direct
# loneliness question, the weighted percentage and its 95% interval from
# the steps of svyciprop(method = "logit") -- a quasibinomial svyglm and a Wald interval on the logit
# scale with t on degf(design) degrees of freedom -- with the glm converged to 1e-15 rather than
# the default 1e-8, so that the reference is exact to double precision, on a design with ids = ~1 and weights = ~weight, among those who
# answered; and the weighted mean of the code (as a stand-in score) with svymean's standard error
# and confint (normal quantile), plus Kish's effective sample size; and the test of independence
# of area and answer, svychisq(~area + lonely) with its default Rao-Scott F statistic.
# Run from the repository root: Rscript Scripts/reference/report_reference.R
suppressMessages(library(survey))
path <- "Tests/SurveyReportsTests/Fixtures/report-survey.csv"
d <- read.csv(path, colClasses = c("character", "character", "numeric", "character"))
d <- d[d$lonely != "", ]
d$code <- as.numeric(d$lonely)
num <- function(x) formatC(x, digits = 17, format = "g")
estimates <- function(sub) {
  des <- svydesign(ids = ~1, weights = ~weight, data = sub)
  codes <- c()
  for (k in 1:5) {
    sub$flag <- as.numeric(sub$code == k)
    des <- svydesign(ids = ~1, weights = ~weight, data = sub)
    # The steps of svyciprop(method = "logit"), with the glm converged to 1e-15.
    m <- svyglm(flag ~ 1, des, family = quasibinomial, control = glm.control(epsilon = 1e-15, maxit = 200))
    p <- plogis(coef(m)[1])
    ci <- plogis(as.vector(confint(m, level = 0.95, method = "Wald", df = degf(des))))
    stopifnot(abs(as.numeric(svyciprop(~flag, des, method = "logit")) - p) < 1e-7)
    codes <- c(codes, sprintf('"%d": {"percent": %s, "ci_lower": %s, "ci_upper": %s}', k,
      num(100 * as.numeric(p)), num(100 * ci[1]), num(100 * ci[2])))
  }
  m <- svymean(~code, des)
  ci <- confint(m)
  w <- sub$weight
  sprintf('{"codes": {%s}, "mean": %s, "mean_se": %s, "mean_ci_lower": %s, "mean_ci_upper": %s, "effective_n": %s}',
    paste(codes, collapse = ", "), num(coef(m)[1]), num(SE(m)[1]), num(ci[1]), num(ci[2]),
    num(sum(w)^2 / sum(w^2)))
}
areas <- sort(unique(d$area))
parts <- sapply(areas, function(a) sprintf('"%s": %s', a, estimates(d[d$area == a, ])))
d$answer <- factor(d$code)
d$region <- factor(d$area)
rs <- svychisq(~region + answer, svydesign(ids = ~1, weights = ~weight, data = d))
rao_scott <- sprintf('{"f": %s, "ndf": %s, "ddf": %s, "p_value": %s}', num(unname(rs$statistic)),
  num(unname(rs$parameter[1])), num(unname(rs$parameter[2])), num(unname(rs$p.value)))
json <- sprintf('{\n"generator": "Scripts/reference/report_reference.R",\n"versions": {"R": "%s", "survey": "%s"},\n"whole": %s,\n"areas": {%s},\n"rao_scott": %s\n}\n',
  paste(R.version$major, R.version$minor, sep = "."), as.character(packageVersion("survey")),
  estimates(d), paste(parts, collapse = ",\n"), rao_scott)
writeLines(json, "Tests/SurveyReportsTests/Fixtures/report-weighted.json", sep = "")
cat("wrote Tests/SurveyReportsTests/Fixtures/report-weighted.json\n")
