// What a score's values mean: its bands, and the change in points that counts as meaningful.

extension DecodingSession {
  /// Decodes a score's `bands`: ranges with distinct ids that lie within the score's `range`
  /// and do not overlap, returned in order of their minimums.
  func decodeBands(
    _ node: JSONNode,
    _ path: String,
    range: ClosedRange<Double>,
    sources: Set<SourceID>
  ) -> BandSet? {
    guard var reader = object(node, path) else { return nil }
    var bands: [(Band, TextPosition)] = []
    if let rangesNode = reader.required("ranges"),
      let elements = array(rangesNode, "\(path).ranges")
    {
      for (index, element) in elements.enumerated() {
        let bandPath = "\(path).ranges[\(index)]"
        guard var bandReader = object(element, bandPath) else { continue }
        let id = bandReader.required("id").flatMap {
          identifier($0, "\(bandPath).id", of: Band.self)
        }
        let label = bandReader.required("label").flatMap { string($0, "\(bandPath).label") }
        let low = bandReader.required("min").flatMap { number($0, "\(bandPath).min") }
        let high = bandReader.required("max").flatMap { number($0, "\(bandPath).max") }
        bandReader.finish()
        guard let id, let label, let low, let high else { continue }
        if low > high {
          report(
            element.position,
            bandPath,
            "min (\(formatNumber(low))) is greater than max (\(formatNumber(high)))"
          )
          continue
        }
        if low < range.lowerBound || high > range.upperBound {
          report(
            element.position,
            bandPath,
            "the band \(formatNumber(low)) to \(formatNumber(high)) lies outside the score's range (\(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound)))"
          )
        }
        if bands.contains(where: { $0.0.id == id }) {
          report(element.position, "\(bandPath).id", "the band id '\(id)' is used twice")
          continue
        }
        bands.append((Band(id: id, label: label, minimum: low, maximum: high), element.position))
      }
    }
    bands.sort { $0.0.minimum < $1.0.minimum }
    for (previous, next) in zip(bands, bands.dropFirst()) where next.0.minimum <= previous.0.maximum
    {
      report(
        next.1,
        path,
        "the bands '\(previous.0.id)' (\(formatNumber(previous.0.minimum)) to \(formatNumber(previous.0.maximum))) and '\(next.0.id)' (\(formatNumber(next.0.minimum)) to \(formatNumber(next.0.maximum))) overlap",
        hint: "a value may fall in only one band; make each band start above the previous one's max"
      )
    }
    let provenance = provenance(&reader, sources: sources)
    reader.finish()
    return BandSet(bands: bands.map(\.0), provenance: provenance)
  }

  /// Decodes a score's `meaningfulChange`: a positive number of `points`.
  func decodeMeaningfulChange(
    _ node: JSONNode,
    _ path: String,
    sources: Set<SourceID>
  ) -> MeaningfulChange? {
    guard var reader = object(node, path) else { return nil }
    let pointsNode = reader.required("points")
    let points = pointsNode.flatMap { number($0, "\(path).points") }
    if let points, let pointsNode, points <= 0 {
      report(
        pointsNode.position,
        "\(path).points",
        "expected a positive number of points, found \(formatNumber(points))"
      )
    }
    let provenance = provenance(&reader, sources: sources)
    reader.finish()
    guard let points, points > 0 else { return nil }
    return MeaningfulChange(points: points, provenance: provenance)
  }
}
