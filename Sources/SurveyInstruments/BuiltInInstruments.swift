/// The instrument files compiled into the toolkit from the `Instruments/` folder, so that a
/// `loneliness` binary copied on its own still has them.
public enum BuiltInInstruments {
  /// One embedded instrument file.
  public struct File: Sendable {
    /// The file's name in `Instruments/`.
    public var name: String
    /// The file's bytes.
    public var bytes: [UInt8]
  }

  /// Every built-in file, in the order instruments are listed.
  ///
  /// A test checks that this list names every `.json` file in `Instruments/`.
  public static let files: [File] = [
    File(name: "ons-loneliness.json", bytes: PackageResources.ons_loneliness_json),
    File(name: "wemwbs.json", bytes: PackageResources.wemwbs_json),
    File(name: "swemwbs.json", bytes: PackageResources.swemwbs_json),
    File(name: "ons4.json", bytes: PackageResources.ons4_json),
    File(name: "djg6.json", bytes: PackageResources.djg6_json),
  ]
}
