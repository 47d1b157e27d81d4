/// `count` and a noun that agrees with it: `1 row`, `2 rows`, `0 rows`; `1 reply`, `3 replies`
/// with `plural` given.
///
/// - Parameters:
///   - count: How many.
///   - singular: The noun for one.
///   - plural: The noun for any other number; `singular` + "s" when `nil`.
/// - Returns: The number, a space and the noun.
/// - Complexity: O(*n*) in the length of the noun.
public func counted(_ count: Int, _ singular: String, plural: String? = nil) -> String {
  "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
}
