#!/usr/bin/env Rscript
# Reference values for weighted comparisons (SurveyStatistics.WeightedProportionDifference,
# WeightedMeanDifference and WeightedPairedMeanChange) from R's survey package. Writes
# Tests/SurveyStatisticsTests/Fixtures/weighted-comparisons.json, recording the R and survey
# versions. Run from the repository root:
#
#     Rscript Scripts/reference/weighted_comparisons_reference.R
#
# Two groups are two domains of one single-stage design, d <- svydesign(ids = ~1, weights = ~w,
# data) with a factor g whose levels are "first" and "second":
# - proportions: svyby(~y, ~g, d, svymean, covmat = TRUE) then svycontrast(..., c(1, -1)) for the
#   difference, its SE and confint() (normal, df = Inf), z = estimate / SE and its two-sided
#   normal p-value; svyttest(y ~ g, d) for the t reading; and each group's
#   svyby(~I(y == 1), ~g, d, svyciprop) with method "logit" and "mean", its SE and degf() of the
#   group's subset. The logit limits follow svyciprop's steps (a quasibinomial svyglm on the
#   subset and a Wald interval on the logit scale with t on degf() degrees of freedom) with the
#   glm converged to 1e-15, and are checked against svyciprop itself to 1e-7;
# - means: svyttest(y ~ g, d), which reports second less first, so the fixture negates its
#   estimate, statistic and interval to give first less second; and each group's svyby(svymean);
# - paired changes: svymean(~diff, d) with confint() (normal) and svyttest(diff ~ 0, d), for
#   diff = after - before, and svymean of before and after.
#
# It also writes Tests/SurveyReportsTests/Fixtures/weighted-compare-residents.json: the wards of
# Examples/residents-survey/survey.csv compared with Abbey, weighted by its weight column, as
# `loneliness compare --cohort ward --weight weight` does. Measures are worked out here from the
# answers: lonely often/always (the direct question, "Often/always" against the five other
# answers), the UCLA-3 score (three items coded 1 to 3, summed) and life satisfaction (0 to 10).
# Each ward's percentage is svyciprop (logit) and each ward's mean svymean with confint(), on a
# design of that ward's respondents who answered; each difference is svyttest(y ~ g) on a design
# of the two wards' respondents who answered, negated to give the ward less Abbey; p-values are
# also Holm-adjusted (p.adjust) across the three wards of each measure; the effective sample size
# and design effect are Kish's over every row.
#
# And it writes Tests/SurveyReportsTests/Fixtures/change-weighted.csv, a copy of
# Examples/provider-outcomes/outcomes-long.csv with an invented weight column (by age band, the
# follow-up rows' weights 1.25 times the baseline's, so that using the wrong wave's weight shows),
# and change-weighted-reference.json, the weighted change as `loneliness change --weight weight`
# works it out: pairs by client_id (the first baseline row of LW-0006, whose two rows agree), each
# pair with its baseline row's weight, a design svydesign(ids = ~1, weights = ~w) of the pairs with
# the measure at both waves; svymean of baseline, follow-up and change; svyttest(change ~ 0) for
# the test and interval; and svyciprop (logit) of the shares that went up, stayed the same and
# went down. Measures: the UCLA-3 score, the SWEMWBS raw score (seven items coded 1 to 5, summed)
# and lonely often/always.

suppressMessages(library(survey))
source(file.path("Scripts", "reference", "json_writer.R"))

two_groups <- function(y1, w1, y2, w2) {
  data <- data.frame(
    y = c(y1, y2),
    g = factor(c(rep("first", length(y1)), rep("second", length(y2))),
               levels = c("first", "second")),
    w = c(w1, w2))
  svydesign(ids = ~1, weights = ~w, data = data)
}

group_means <- function(design) {
  by <- svyby(~y, ~g, design, svymean, covmat = TRUE)
  ci <- confint(by)
  list(estimates = unname(coef(by)), standardErrors = unname(SE(by)),
       normalLowers = unname(ci[, 1]), normalUppers = unname(ci[, 2]), by = by)
}

flip_ttest <- function(design) {
  tt <- svyttest(y ~ g, design)
  list(
    difference = scalar(-unname(tt$estimate)),
    tStatistic = scalar(-unname(tt$statistic)),
    degreesOfFreedom = scalar(unname(tt$parameter)),
    pValue = scalar(unname(tt$p.value)),
    tLower = scalar(-unname(tt$conf.int[2])),
    tUpper = scalar(-unname(tt$conf.int[1])))
}

proportion_case <- function(label, y1, w1, y2, w2) {
  design <- two_groups(y1, w1, y2, w2)
  means <- group_means(design)
  contrast <- svycontrast(means$by, c(first = 1, second = -1))
  estimate <- unname(coef(contrast))
  se <- unname(SE(contrast))
  z <- estimate / se
  ci95 <- confint(contrast, level = 0.95)
  ci90 <- confint(contrast, level = 0.9)
  groups <- lapply(c("first", "second"), function(level) {
    sub <- subset(design, g == level)
    logit <- svyciprop(~I(y == 1), sub, method = "logit")
    wald <- svyciprop(~I(y == 1), sub, method = "mean")
    # The steps of svyciprop(method = "logit"), with the glm converged to 1e-15 rather than
    # glm's default 1e-8, which leaves the fitted proportion off in the ninth digit.
    fit <- svyglm(I(y == 1) ~ 1, sub, family = quasibinomial,
                  control = glm.control(epsilon = 1e-15, maxit = 200))
    estimate <- plogis(unname(coef(fit)[1]))
    ci <- plogis(as.vector(confint(fit, 1, level = 0.95, method = "Wald", ddf = degf(sub))))
    stopifnot(abs(estimate - unname(coef(logit))) < 1e-7,
              max(abs(ci - as.vector(attr(logit, "ci")))) < 1e-7)
    list(estimate = scalar(estimate),
         standardError = scalar(unname(SE(logit))),
         degreesOfFreedom = scalar(degf(sub)),
         logitLower = scalar(ci[1]), logitUpper = scalar(ci[2]),
         meanLower = scalar(attr(wald, "ci")[[1]]), meanUpper = scalar(attr(wald, "ci")[[2]]))
  })
  # svyby with svyciprop gives the same limits as svyciprop on each subset; check it.
  by_logit <- svyby(~I(y == 1), ~g, design, svyciprop, vartype = "ci", method = "logit")
  stopifnot(max(abs(unname(by_logit$ci_l) - c(groups[[1]]$logitLower,
                                              groups[[2]]$logitLower))) < 1e-7)
  list(
    label = scalar(label),
    firstValues = y1, firstWeights = w1, secondValues = y2, secondWeights = w2,
    expected = c(
      list(first = groups[[1]], second = groups[[2]],
           estimate = scalar(estimate), standardError = scalar(se),
           zStatistic = scalar(z), pValue = scalar(2 * pnorm(-abs(z))),
           normalLower = scalar(ci95[1, 1]), normalUpper = scalar(ci95[1, 2]),
           normalLower90 = scalar(ci90[1, 1]), normalUpper90 = scalar(ci90[1, 2])),
      flip_ttest(design)))
}

mean_case <- function(label, y1, w1, y2, w2) {
  design <- two_groups(y1, w1, y2, w2)
  means <- group_means(design)
  means$by <- NULL
  list(
    label = scalar(label),
    firstValues = y1, firstWeights = w1, secondValues = y2, secondWeights = w2,
    expected = c(list(groups = means), flip_ttest(design)))
}

paired_case <- function(label, before, after, w) {
  data <- data.frame(before = before, after = after, diff = after - before, w = w)
  design <- svydesign(ids = ~1, weights = ~w, data = data)
  m <- svymean(~diff, design)
  ci <- confint(m)
  tt <- svyttest(diff ~ 0, design)
  list(
    label = scalar(label), before = before, after = after, weights = w,
    expected = list(
      beforeMean = scalar(unname(coef(svymean(~before, design)))),
      afterMean = scalar(unname(coef(svymean(~after, design)))),
      estimate = scalar(unname(coef(m))), standardError = scalar(unname(SE(m))),
      normalLower = scalar(ci[1, 1]), normalUpper = scalar(ci[1, 2]),
      tStatistic = scalar(unname(tt$statistic)),
      degreesOfFreedom = scalar(unname(tt$parameter)),
      pValue = scalar(unname(tt$p.value)),
      tLower = scalar(tt$conf.int[1]), tUpper = scalar(tt$conf.int[2])))
}

set.seed(20240803)
proportions <- list()
w1 <- round(runif(150, 0.3, 4), 3)
w2 <- round(runif(210, 0.3, 4), 3)
proportions[[1]] <- proportion_case("cohorts of 150 and 210, weights 0.3-4",
                                    rbinom(150, 1, 0.37), w1, rbinom(210, 1, 0.29), w2)
proportions[[2]] <- proportion_case("cohorts of 40 and 25, rare outcome",
                                    c(1, 1, 1, rep(0, 37)), round(runif(40, 0.5, 2), 2),
                                    c(1, rep(0, 24)), round(runif(25, 0.5, 2), 2))
w1 <- round(rlnorm(600, 0, 0.7), 4)
w2 <- round(rlnorm(80, 0, 0.7), 4)
w2[c(3, 41)] <- 0
proportions[[3]] <- proportion_case("cohorts of 600 and 80, two zero weights",
                                    rbinom(600, 1, 0.45), w1, rbinom(80, 1, 0.6), w2)

means <- list()
means[[1]] <- mean_case("WEMWBS-like totals, 150 and 210",
                        as.numeric(sample(14:70, 150, TRUE)), round(runif(150, 0.3, 4), 3),
                        as.numeric(sample(20:70, 210, TRUE)), round(runif(210, 0.3, 4), 3))
means[[2]] <- mean_case("UCLA-3 scores, 30 and 12", as.numeric(sample(3:9, 30, TRUE)),
                        round(rlnorm(30, 0, 0.5), 3), as.numeric(sample(3:9, 12, TRUE)),
                        round(rlnorm(12, 0, 0.5), 3))
w1 <- round(runif(90, 0.5, 3), 3)
w1[c(7, 8)] <- 0
means[[3]] <- mean_case("scores with zero weights, 90 and 70", rnorm(90, 24, 6), w1,
                        rnorm(70, 26, 5), round(runif(70, 0.5, 3), 3))

paired <- list()
before <- as.numeric(sample(14:70, 120, TRUE))
paired[[1]] <- paired_case("120 respondents, WEMWBS-like", before,
                           pmin(70, pmax(14, before + round(rnorm(120, 2, 6)))),
                           round(runif(120, 0.4, 3), 3))
before <- as.numeric(sample(3:9, 30, TRUE))
paired[[2]] <- paired_case("30 respondents, UCLA-3, log-normal weights", before,
                           pmin(9, pmax(3, before - rbinom(30, 2, 0.4))),
                           round(rlnorm(30, 0, 0.6), 4))
w <- round(runif(60, 0.5, 2.5), 3)
w[c(1, 30)] <- 0
paired[[3]] <- paired_case("60 respondents, two zero weights", rnorm(60, 10, 3),
                           rnorm(60, 10.5, 3), w)

write_fixture("Scripts/reference/weighted_comparisons_reference.R",
              list(proportions = proportions, means = means, paired = paired),
              "weighted-comparisons.json")

residents <- read.csv(file.path("Examples", "residents-survey", "survey.csv"),
                      check.names = FALSE, stringsAsFactors = FALSE, na.strings = character(0))
ucla_codes <- c("Hardly ever or never" = 1, "Some of the time" = 2, "Often" = 3)
direct <- residents[["How often do you feel lonely?"]]
substantive <- c("Often/always", "Some of the time", "Occasionally", "Hardly ever", "Never")
residents$often <- ifelse(direct %in% substantive, as.numeric(direct == "Often/always"), NA)
residents$ucla3 <- ucla_codes[residents[["How often do you feel that you lack companionship?"]]] +
  ucla_codes[residents[["How often do you feel left out?"]]] +
  ucla_codes[residents[["How often do you feel isolated from others?"]]]
satisfaction <- residents[["Overall, how satisfied are you with your life nowadays?"]]
residents$satisfaction <- ifelse(satisfaction == "", NA, suppressWarnings(as.numeric(satisfaction)))
wards <- c("Abbey", "Castle", "Harbour", "Westgate")

ward_measure <- function(column, proportion) {
  cohorts <- lapply(wards, function(ward) {
    rows <- residents[residents$ward == ward & !is.na(residents[[column]]), ]
    rows$y <- rows[[column]]
    design <- svydesign(ids = ~1, weights = ~weight, data = rows)
    if (proportion) {
      ci <- svyciprop(~I(y == 1), design, method = "logit")
      list(cohort = scalar(ward), n = scalar(nrow(rows)),
           estimate = scalar(100 * unname(coef(ci))),
           lower = scalar(100 * attr(ci, "ci")[[1]]), upper = scalar(100 * attr(ci, "ci")[[2]]))
    } else {
      m <- svymean(~y, design)
      ci <- confint(m)
      list(cohort = scalar(ward), n = scalar(nrow(rows)), estimate = scalar(unname(coef(m))),
           lower = scalar(ci[1, 1]), upper = scalar(ci[1, 2]))
    }
  })
  scale <- if (proportion) 100 else 1
  differences <- lapply(wards[-1], function(ward) {
    rows <- residents[residents$ward %in% c(ward, "Abbey") & !is.na(residents[[column]]), ]
    rows$y <- rows[[column]]
    rows$g <- factor(rows$ward, levels = c(ward, "Abbey"))
    tt <- svyttest(y ~ g, svydesign(ids = ~1, weights = ~weight, data = rows))
    list(cohort = scalar(ward), difference = scalar(-scale * unname(tt$estimate)),
         lower = scalar(-scale * tt$conf.int[2]), upper = scalar(-scale * tt$conf.int[1]),
         degreesOfFreedom = scalar(unname(tt$parameter)), pValue = scalar(unname(tt$p.value)))
  })
  holm <- p.adjust(vapply(differences, function(d) as.numeric(d$pValue), 0), method = "holm")
  for (i in seq_along(differences)) differences[[i]]$holm <- scalar(holm[i])
  list(cohorts = cohorts, differences = differences)
}

w <- residents$weight
write_fixture("Scripts/reference/weighted_comparisons_reference.R",
              list(reference = scalar("Abbey"),
                   effectiveSampleSize = scalar(sum(w)^2 / sum(w^2)),
                   designEffect = scalar(length(w) * sum(w^2) / sum(w)^2),
                   measures = list(
                     "ons-loneliness.often-always" = ward_measure("often", TRUE),
                     "ons-loneliness.ucla3" = ward_measure("ucla3", FALSE),
                     "ons4.life-satisfaction" = ward_measure("satisfaction", FALSE))),
              "weighted-compare-residents.json", target = "SurveyReportsTests")

outcomes <- read.csv(file.path("Examples", "provider-outcomes", "outcomes-long.csv"),
                     check.names = FALSE, stringsAsFactors = FALSE, na.strings = character(0))
invented <- c("16-24" = 1.8, "25-34" = 1.5, "35-44" = 1.3, "45-54" = 1.1, "55-64" = 0.9,
              "65-74" = 0.8, "75+" = 0.7, "Prefer not to say" = 1)
outcomes$weight <- unname(invented[outcomes$age_band]) *
  ifelse(outcomes$wave == "baseline", 1, 1.25)
write.csv(outcomes, file.path("Tests", "SurveyReportsTests", "Fixtures", "change-weighted.csv"),
          row.names = FALSE, quote = TRUE, na = "")
cat("wrote Tests/SurveyReportsTests/Fixtures/change-weighted.csv\n")

swemwbs_codes <- c("None of the time" = 1, "Rarely" = 2, "Some of the time" = 3, "Often" = 4,
                   "All of the time" = 5)
swemwbs_items <- grep("^SWEMWBS - ", names(outcomes), value = TRUE)
outcomes$ucla3 <- ucla_codes[outcomes[["How often do you feel that you lack companionship?"]]] +
  ucla_codes[outcomes[["How often do you feel left out?"]]] +
  ucla_codes[outcomes[["How often do you feel isolated from others?"]]]
outcomes$swemwbs <- Reduce(`+`, lapply(swemwbs_items, function(item) swemwbs_codes[outcomes[[item]]]))
direct <- outcomes[["How often do you feel lonely?"]]
outcomes$often <- ifelse(direct %in% substantive, as.numeric(direct == "Often/always"), NA)
first_rows <- function(rows) rows[!duplicated(rows$client_id), ]
baseline <- first_rows(outcomes[outcomes$wave == "baseline", ])
followup <- first_rows(outcomes[outcomes$wave == "12 weeks", ])
pairs <- merge(baseline, followup, by = "client_id", suffixes = c(".b", ".f"))

paired_change <- function(column, proportion) {
  rows <- pairs[!is.na(pairs[[paste0(column, ".b")]]) & !is.na(pairs[[paste0(column, ".f")]]), ]
  data <- data.frame(before = rows[[paste0(column, ".b")]], after = rows[[paste0(column, ".f")]],
                     w = rows$weight.b)
  data$change <- data$after - data$before
  design <- svydesign(ids = ~1, weights = ~w, data = data)
  tt <- svyttest(change ~ 0, design)
  scale <- if (proportion) 100 else 1
  result <- list(
    pairs = scalar(nrow(data)),
    baselineMean = scalar(scale * unname(coef(svymean(~before, design)))),
    followUpMean = scalar(scale * unname(coef(svymean(~after, design)))),
    change = scalar(scale * unname(coef(svymean(~change, design)))),
    tStatistic = scalar(unname(tt$statistic)), degreesOfFreedom = scalar(unname(tt$parameter)),
    pValue = scalar(unname(tt$p.value)),
    lower = scalar(scale * tt$conf.int[1]), upper = scalar(scale * tt$conf.int[2]))
  if (!proportion) {
    result$shares <- lapply(list(up = quote(change > 0), same = quote(change == 0),
                                 down = quote(change < 0)), function(condition) {
      ci <- eval(bquote(svyciprop(~I(.(condition)), design, method = "logit")))
      list(percent = scalar(100 * unname(coef(ci))),
           lower = scalar(100 * attr(ci, "ci")[[1]]), upper = scalar(100 * attr(ci, "ci")[[2]]))
    })
  }
  result
}

changed <- pairs$weight.b[!is.na(pairs$ucla3.b) & !is.na(pairs$ucla3.f)]
write_fixture("Scripts/reference/weighted_comparisons_reference.R",
              list(effectiveSampleSize = scalar(sum(changed)^2 / sum(changed^2)),
                   measures = list(
                     "ons-loneliness.ucla3" = paired_change("ucla3", FALSE),
                     "swemwbs.raw" = paired_change("swemwbs", FALSE),
                     "ons-loneliness.often-always" = paired_change("often", TRUE))),
              "change-weighted-reference.json", target = "SurveyReportsTests")
