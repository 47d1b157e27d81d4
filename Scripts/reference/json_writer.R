# A small JSON writer for the reference scripts, so that they need only base R and the survey
# package. Numbers are written with 17 significant digits, so doubles survive the round trip;
# non-finite numbers are refused (JSON has none). Source it from a script:
#
#     source(file.path("Scripts", "reference", "json_writer.R"))
#
# Lists with names become objects and lists without names arrays; numeric, integer, logical and
# character vectors become arrays, except that a value wrapped in scalar() is written bare.
# NULL is written as null.

scalar <- function(x) structure(x, class = c("json_scalar", class(x)))

json_number <- function(x) {
  if (!is.finite(x)) stop("non-finite reference value")
  if (is.integer(x) || (x == round(x) && abs(x) < 2^53)) return(format(x, scientific = FALSE, trim = TRUE))
  sprintf("%.17g", x)
}

json_string <- function(x) {
  x <- gsub("\\", "\\\\", x, fixed = TRUE)
  x <- gsub("\"", "\\\"", x, fixed = TRUE)
  paste0("\"", x, "\"")
}

json_atom <- function(x) {
  if (is.logical(x)) return(if (x) "true" else "false")
  if (is.character(x) || is.factor(x)) return(json_string(as.character(x)))
  json_number(unclass(x))
}

to_json <- function(x, indent = 0) {
  pad <- strrep(" ", indent + 1)
  if (is.null(x)) return("null")
  if (inherits(x, "json_scalar")) return(json_atom(unclass(x)))
  if (is.list(x)) {
    if (length(x) == 0) return(if (is.null(names(x))) "[]" else "{}")
    items <- vapply(x, to_json, "", indent = indent + 1)
    if (!is.null(names(x))) items <- paste0(json_string(names(x)), ": ", items)
    open <- if (is.null(names(x))) "[" else "{"
    close <- if (is.null(names(x))) "]" else "}"
    return(paste0(open, "\n", pad, paste(items, collapse = paste0(",\n", pad)), "\n",
                  strrep(" ", indent), close))
  }
  paste0("[", paste(vapply(seq_along(x), function(i) json_atom(x[[i]]), ""), collapse = ", "), "]")
}

write_fixture <- function(script, content, name, target = "SurveyStatisticsTests") {
  generator <- list(
    script = scalar(script),
    R = scalar(paste(R.version$major, R.version$minor, sep = ".")),
    survey = scalar(as.character(packageVersion("survey")))
  )
  path <- file.path("Tests", target, "Fixtures", name)
  writeLines(to_json(c(list(generator = generator), content)), path)
  cat("wrote", path, "\n")
}
