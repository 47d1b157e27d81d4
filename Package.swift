// swift-tools-version: 6.2
// The loneliness and wellbeing toolkit: library modules along the data flow
// (instruments -> capture -> scoring -> statistics -> reports) and the `loneliness` command.
import PackageDescription

let package = Package(
  name: "loneliness",
  platforms: [.macOS(.v26)],
  products: [
    .executable(name: "loneliness", targets: ["loneliness"]),
    .library(name: "LonelinessToolkit", targets: ["LonelinessToolkit"]),
  ],
  targets: [
    // Files, terminals, locks: the only module with platform conditionals.
    .target(name: "SurveyPlatform"),
    // Byte-level CSV reading and writing. Standard library only.
    .target(name: "SurveyCSV", dependencies: ["SurveyPlatform"]),
    // Excel workbooks: ZIP, DEFLATE and SpreadsheetML, read into CSV records. Standard library
    // only.
    .target(name: "SurveyWorkbook", dependencies: ["SurveyPlatform", "SurveyCSV"]),
    // Instrument model, instrument-file decoding and validation, built-in catalogue.
    .target(
      name: "SurveyInstruments",
      dependencies: ["SurveyPlatform"],
      exclude: ["Instruments/README.md", "Instruments/SOURCES.md"],
      resources: [.embedInCode("Instruments")]
    ),
    // Response tables, export mapping, platform dialects, interactive capture.
    .target(
      name: "SurveyCapture",
      dependencies: ["SurveyPlatform", "SurveyCSV", "SurveyWorkbook", "SurveyInstruments"]
    ),
    // The offline web form for visits and the printable questionnaire, built from instruments;
    // their responses download in the capture file format. Standard library only.
    .target(name: "SurveyForms", dependencies: ["SurveyInstruments", "SurveyCapture"]),
    // Per-respondent scores, bands, indicators and reasons.
    .target(
      name: "SurveyScoring",
      dependencies: ["SurveyCSV", "SurveyInstruments", "SurveyCapture"]
    ),
    // Distributions, intervals, tests and effect sizes. Standard library only.
    .target(name: "SurveyStatistics", dependencies: ["SurveyPlatform"]),
    // Exact linear and integer programming: the bounds an attacker can put on hidden counts of
    // a publication. Package-internal; reports audit their suppression with it, and the tests
    // play the attacker with it.
    .target(name: "SurveyDisclosure"),
    // Report model, aggregation, suppression, renderers.
    .target(
      name: "SurveyReports",
      dependencies: [
        "SurveyCSV", "SurveyWorkbook", "SurveyInstruments", "SurveyCapture", "SurveyScoring",
        "SurveyStatistics", "SurveyDisclosure",
      ]
    ),
    // The pipeline an app calls: read an export into a survey, then a report, a comparison of
    // cohorts, a change from baseline to follow-up, or raking weights.
    .target(
      name: "SurveyPipeline",
      dependencies: [
        "SurveyCapture", "SurveyInstruments", "SurveyScoring", "SurveyStatistics", "SurveyReports",
      ]
    ),
    // Umbrella module for app developers.
    .target(
      name: "LonelinessToolkit",
      dependencies: [
        "SurveyPlatform", "SurveyCSV", "SurveyWorkbook", "SurveyInstruments", "SurveyCapture",
        "SurveyScoring", "SurveyStatistics", "SurveyReports", "SurveyPipeline", "SurveyForms",
      ]
    ),
    // The command line: argument parsing, subcommands, exit codes. Kept in a library so tests
    // can run commands in-process.
    .target(
      name: "LonelinessCommandLine",
      dependencies: [
        "LonelinessToolkit", "SurveyPlatform", "SurveyCSV", "SurveyInstruments", "SurveyCapture",
        "SurveyScoring", "SurveyStatistics", "SurveyReports", "SurveyPipeline", "SurveyForms",
      ]
    ),
    .executableTarget(name: "loneliness", dependencies: ["LonelinessCommandLine"]),
    // Fuzz targets for every reader of untrusted bytes, and their driver: a plain build replays
    // files through a target; Scripts/fuzz.sh builds the driver with libFuzzer.
    .target(
      name: "SurveyFuzzing",
      dependencies: [
        "SurveyCSV", "SurveyInstruments", "SurveyCapture", "SurveyScoring", "SurveyWorkbook",
      ]
    ),
    .executableTarget(name: "loneliness-fuzz", dependencies: ["SurveyFuzzing", "SurveyPlatform"]),

    // Test support shared by the test targets (package files, temporary folders, golden files,
    // seeded random numbers). Not a product.
    .target(name: "TestSupport", path: "Tests/TestSupport"),

    .testTarget(
      name: "SurveyCSVTests",
      dependencies: ["SurveyCSV", "TestSupport"],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "SurveyWorkbookTests",
      dependencies: ["SurveyWorkbook", "SurveyCSV", "TestSupport"],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "SurveyInstrumentsTests",
      dependencies: ["SurveyInstruments", "SurveyPlatform", "TestSupport"]
    ),
    .testTarget(
      name: "SurveyCaptureTests",
      dependencies: ["SurveyCapture", "SurveyWorkbook", "TestSupport"],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "SurveyFormsTests",
      dependencies: ["SurveyForms", "SurveyCapture", "SurveyInstruments", "TestSupport"]
    ),
    .testTarget(
      name: "SurveyScoringTests",
      dependencies: ["SurveyScoring", "SurveyPlatform", "TestSupport"],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "SurveyStatisticsTests",
      dependencies: ["SurveyStatistics", "TestSupport"],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "SurveyReportsTests",
      dependencies: [
        "SurveyReports", "SurveyCapture", "SurveyCSV", "SurveyInstruments", "SurveyStatistics",
        "TestSupport",
      ],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "LonelinessCommandLineTests",
      dependencies: [
        "LonelinessCommandLine", "LonelinessToolkit", "SurveyDisclosure", "SurveyPlatform",
        "TestSupport",
      ],
      exclude: ["Snapshots"]
    ),
    // The README's code for apps, with nothing imported but the umbrella module.
    .testTarget(name: "ToolkitUsageTests", dependencies: ["LonelinessToolkit"]),
    .testTarget(
      name: "DisclosureAttackTests",
      dependencies: ["SurveyDisclosure"],
      path: "Tests/DisclosureAttackTests",
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "SurveyFuzzingTests",
      dependencies: ["SurveyFuzzing", "TestSupport"],
      exclude: ["Corpus"]
    ),
  ]
)

for target in package.targets {
  var settings = target.swiftSettings ?? []
  settings.append(contentsOf: [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
    .treatAllWarnings(as: .error),
  ])
  target.swiftSettings = settings
}
