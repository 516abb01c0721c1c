/// The staff desk's texts are data: `StaffText.json` holds each key's Swedish and English text, and the build embeds
/// it (the EmbedDataFiles plugin). The accessors name their keys.
extension PageText {
    /// The catalogue, checked once; the tests load the same file, so a broken one never ships.
    static let staffTexts = try! TextCatalogue(json: staffTextJSON, file: "StaffText.json")

    /// The text of `key` in this page's language with `values` in its placeholders.
    func staffText(_ key: String, _ values: [String: String] = [:]) -> String {
        Self.staffTexts.text(key, language, values)
    }
}
