#!/usr/bin/env Rscript
# Reference values for raking (SurveyStatistics.Raking and WeightTrimming) from R's survey package.
# Writes Tests/SurveyStatisticsTests/Fixtures/raking.json, recording the R and survey versions.
# Run from the repository root:
#
#     Rscript Scripts/reference/raking_reference.R
#
# Each case is a one-stage design, d <- svydesign(ids = ~1, weights = ~w, data), raked with
#     rake(d, sample.margins, population.margins, control = list(maxit, epsilon))
# The fixture holds the raked weights, whether rake converged (it warns when it does not), the
# number of sweeps it made and the change it measured after each sweep. rake reports neither of
# the last two, so they are found from rake itself: a run with maxit = k makes exactly k sweeps
# until it converges, so the number of sweeps is the smallest maxit that gives no warning, and
# the change after sweep k is the largest difference between svytable() of all the margin
# variables after k and after k - 1 sweeps.
#
# Trimming cases trim with trimWeights(d, lower, upper) to bounds that are multiples of the mean
# raked weight, once after raking or alternating with raking: rake; while a weight lies outside
# the bounds, trim, stop if every margin is now met to rake's tolerance or the rerakings are used
# up, and rake again. The trimming repeats trimWeights(strict = FALSE) passes until no weight
# lies outside the bounds by more than a relative 1e-12. That is what strict = TRUE does, except
# that strict = TRUE can recurse without end: the design stores 1/weight, and a weight set to the
# bound can read back as 1/(1/bound), a rounding above it, so it is "outside" again forever.

suppressMessages(library(survey))
source(file.path("Scripts", "reference", "json_writer.R"))

# A population cross-classified by age band, sex, area and tenure, and margins taken from it,
# so that every margin has the same total.
ages <- c("16-34", "35-54", "55-74", "75+")
sexes <- c("Female", "Male")
areas <- c("North", "South", "East", "West", "Centre")
tenures <- c("Owner", "Social rent", "Private rent")
set.seed(20240801)
population <- expand.grid(age = ages, sex = sexes, area = areas, tenure = tenures,
                          stringsAsFactors = FALSE)
population$count <- round(runif(nrow(population), 200, 2600))
population$agesex <- paste(population$sex, population$age)
agesex_levels <- as.vector(outer(sexes, ages, paste))

margin_totals <- function(variable, levels) {
  totals <- tapply(population$count, factor(population[[variable]], levels = levels), sum)
  totals[is.na(totals)] <- 0
  as.numeric(totals)
}

# A sample that over-represents older respondents, women and the East.
draw_sample <- function(n) {
  prob <- with(population, count *
    ifelse(age %in% c("55-74", "75+"), 2.2, 1) * ifelse(sex == "Female", 1.4, 1) *
    ifelse(area == "East", 1.8, 1))
  rows <- sample(nrow(population), n, replace = TRUE, prob = prob)
  data.frame(age = population$age[rows], sex = population$sex[rows],
             area = population$area[rows], tenure = population$tenure[rows],
             agesex = population$agesex[rows], stringsAsFactors = FALSE)
}

margin_spec <- function(name, variable, levels, totals = margin_totals(variable, levels)) {
  list(name = name, variable = variable, levels = levels, totals = totals)
}

run_rake <- function(design, margins, maxit, epsilon) {
  sample_margins <- lapply(margins, function(m) as.formula(paste0("~", m$variable)))
  population_margins <- lapply(margins, function(m) {
    frame <- data.frame(factor(m$levels, levels = m$levels), m$totals)
    names(frame) <- c(m$variable, "Freq")
    frame
  })
  warned <- FALSE
  raked <- withCallingHandlers(
    rake(design, sample_margins, population_margins,
         control = list(maxit = maxit, epsilon = epsilon, verbose = FALSE)),
    warning = function(w) {
      if (grepl("did not converge", conditionMessage(w))) {
        warned <<- TRUE
        invokeRestart("muffleWarning")
      }
    })
  list(design = raked, converged = !warned)
}

trim_strictly <- function(design, lower, upper) {
  repeat {
    w <- weights(design)
    if (!any(w < lower * (1 - 1e-12) | w > upper * (1 + 1e-12))) return(design)
    design <- trimWeights(design, lower = lower, upper = upper, strict = FALSE)
  }
}

largest_discrepancy <- function(design, data, margins) {
  w <- weights(design)
  max(vapply(margins, function(m) {
    totals <- tapply(w, data[[m$variable]], sum)
    totals[is.na(totals)] <- 0
    max(abs(as.numeric(totals) - m$totals))
  }, 0))
}

sweep_history <- function(design, margins, maxit, epsilon) {
  formula <- as.formula(paste("~", paste(vapply(margins, `[[`, "", "variable"), collapse = "+")))
  previous <- svytable(formula, design)
  changes <- c()
  for (k in seq_len(maxit)) {
    run <- run_rake(design, margins, k, epsilon)
    current <- svytable(formula, run$design)
    changes <- c(changes, max(abs(current - previous)))
    previous <- current
    if (run$converged) break
  }
  changes
}

make_case <- function(label, data, margins, start = NULL, maxit = 10, epsilon = 1,
                      trim = NULL) {
  for (m in margins) data[[m$variable]] <- factor(data[[m$variable]], levels = m$levels)
  data$w <- if (is.null(start)) rep(1, nrow(data)) else start
  design <- svydesign(ids = ~1, weights = ~w, data = data)
  run <- run_rake(design, margins, maxit, epsilon)
  raked <- run$design
  expected <- list(converged = scalar(run$converged))
  if (is.null(trim)) {
    changes <- sweep_history(design, margins, maxit, epsilon)
    expected$iterations <- scalar(length(changes))
    expected$changes <- changes
  } else {
    w <- weights(raked)
    mean_weight <- sum(w) / length(w)
    lower <- trim$lower * mean_weight
    upper <- trim$upper * mean_weight
    rerakings <- 0
    ended_with_trim <- FALSE
    while (any(weights(raked) < lower | weights(raked) > upper)) {
      tolerance <- if (epsilon < 1) epsilon * sum(weights(raked)) else epsilon
      raked <- trim_strictly(raked, lower, upper)
      ended_with_trim <- TRUE
      if (largest_discrepancy(raked, data, margins) < tolerance || rerakings == trim$rerakings) {
        break
      }
      ended_with_trim <- FALSE
      again <- run_rake(raked, margins, maxit, epsilon)
      if (!again$converged) stop("reraking did not converge in case ", label)
      raked <- again$design
      rerakings <- rerakings + 1
    }
    expected$meanWeight <- scalar(mean_weight)
    expected$rerakings <- scalar(rerakings)
    expected$endedWithTrim <- scalar(ended_with_trim)
  }
  w <- unname(weights(raked))
  expected$weights <- w
  expected$effectiveSampleSize <- scalar(sum(w)^2 / sum(w^2))
  expected$marginTotals <- lapply(margins, function(m) {
    totals <- tapply(w, data[[m$variable]], sum)
    totals[is.na(totals)] <- 0
    as.numeric(totals)
  })
  list(
    label = scalar(label),
    margins = lapply(margins, function(m) list(
      name = scalar(m$name),
      categories = m$levels,
      populationTotals = m$totals,
      respondentCategories = as.integer(data[[m$variable]]) - 1L
    )),
    startingWeights = if (is.null(start)) NULL else start,
    maximumIterations = scalar(maxit),
    epsilon = scalar(epsilon),
    trimming = if (is.null(trim)) NULL else list(
      lowerRelativeToMean = scalar(trim$lower),
      upperRelativeToMean = scalar(trim$upper),
      maximumRerakings = scalar(trim$rerakings)
    ),
    expected = expected
  )
}

cases <- list()
agesex <- margin_spec("age by sex", "agesex", agesex_levels)
area <- margin_spec("area", "area", areas)
tenure <- margin_spec("tenure", "tenure", tenures)

sample1 <- draw_sample(400)
cases[[length(cases) + 1]] <- make_case(
  "age by sex and area, weights 1, rake's defaults", sample1, list(agesex, area))

sample2 <- draw_sample(650)
design_weights <- round(rlnorm(nrow(sample2), 0, 0.5), 4)
cases[[length(cases) + 1]] <- make_case(
  "three margins, design weights, tolerance 1e-7 of the total", sample2,
  list(agesex, area, tenure), start = design_weights, maxit = 100, epsilon = 1e-7)

# Shares of 1 rather than counts, and a category with neither people nor respondents.
shares_area <- margin_spec("area", "area", c(areas, "Islands"),
                           c(margin_totals("area", areas), 0) / sum(population$count))
shares_tenure <- margin_spec("tenure", "tenure", tenures,
                             margin_totals("tenure", tenures) / sum(population$count))
cases[[length(cases) + 1]] <- make_case(
  "shares of 1 with an empty category, tolerance 1e-10", sample1,
  list(shares_tenure, shares_area), maxit = 200, epsilon = 1e-10)

cases[[length(cases) + 1]] <- make_case(
  "three margins stopped after 3 sweeps", sample2, list(agesex, area, tenure),
  start = design_weights, maxit = 3, epsilon = 1e-9)

sample3 <- draw_sample(300)
cases[[length(cases) + 1]] <- make_case(
  "trimmed once to 0.5-2 times the mean", sample3, list(agesex, area, tenure),
  maxit = 100, epsilon = 1e-9, trim = list(lower = 0.5, upper = 2, rerakings = 0))
cases[[length(cases) + 1]] <- make_case(
  "raked and trimmed to 0.35-3 times the mean, up to 25 rerakings", sample3,
  list(agesex, area, tenure), maxit = 100, epsilon = 1e-9,
  trim = list(lower = 0.35, upper = 3, rerakings = 25))
cases[[length(cases) + 1]] <- make_case(
  "raked and trimmed to 0.35-3 times the mean until within 1 person", sample3,
  list(agesex, area, tenure), maxit = 100, epsilon = 1,
  trim = list(lower = 0.35, upper = 3, rerakings = 50))
cases[[length(cases) + 1]] <- make_case(
  "raked and trimmed to at most 2.5 times the mean, up to 3 rerakings", sample2,
  list(agesex, area), start = design_weights, maxit = 100, epsilon = 1e-9,
  trim = list(lower = 0, upper = 2.5, rerakings = 3))

write_fixture("Scripts/reference/raking_reference.R", list(cases = cases), "raking.json")

# The command line's path: `loneliness weight` on the residents' survey example with its margins
# file, read here with read.csv and nothing of the toolkit. A cross-classified margin's column
# names and category values are separated by "|" in the margins file (age_band|sex,
# 16-24|Female). Each case records the arguments `loneliness weight` is given for it; the tests
# run the command and compare the weight column it writes with the weights here.
survey_file <- read.csv(file.path("Examples", "residents-survey", "survey.csv"),
                        check.names = FALSE, colClasses = "character")
margins_file <- read.csv(file.path("Examples", "residents-survey", "margins.csv"),
                         colClasses = "character")
residents <- data.frame(agesex = paste(trimws(survey_file$age_band), trimws(survey_file$sex),
                                       sep = "|"),
                        ward = trimws(survey_file$ward), stringsAsFactors = FALSE)
from_margins_file <- function(margin, variable) {
  rows <- margins_file[trimws(margins_file$margin) == margin, ]
  margin_spec(margin, variable, gsub(" *\\| *", "|", trimws(rows$category)),
              as.numeric(rows$population))
}
residents_margins <- list(from_margins_file("age_band|sex", "agesex"),
                          from_margins_file("ward", "ward"))
with_arguments <- function(case, arguments) {
  case$arguments <- arguments
  case
}
residents_cases <- list(
  with_arguments(make_case("residents' survey, rake's defaults", residents, residents_margins),
                 character(0)),
  with_arguments(make_case(
    "residents' survey, trimmed to 0.5-2.5 times the mean, up to 10 rerakings", residents,
    residents_margins, maxit = 100, epsilon = 1e-9,
    trim = list(lower = 0.5, upper = 2.5, rerakings = 10)),
    c("--max-iterations", "100", "--epsilon", "1e-9", "--trim", "0.5,2.5", "--rerake", "10")),
  with_arguments(make_case(
    "residents' survey, stopped after 2 iterations", residents, residents_margins,
    maxit = 2, epsilon = 1e-12),
    c("--max-iterations", "2", "--epsilon", "1e-12"))
)
write_fixture("Scripts/reference/raking_reference.R", list(cases = residents_cases),
              "raking-residents.json")
