/// The application pages' texts are data: `ApplicationText.json` holds each key's Swedish and English text, and the
/// build embeds it (the EmbedDataFiles plugin). The accessors name their keys.
extension PageText {
    /// The catalogue, checked once; the tests load the same file, so a broken one never ships.
    static let applicationTexts = try! TextCatalogue(json: applicationTextJSON, file: "ApplicationText.json")

    /// The text of `key` in this page's language with `values` in its placeholders.
    func applicationText(_ key: String, _ values: [String: String] = [:]) -> String {
        Self.applicationTexts.text(key, language, values)
    }
}
