import HTTPTypes

/// Fetch Metadata request headers (W3C): how a browser came to send a request.
extension HTTPField.Name {
    /// `same-origin`, `same-site`, `cross-site` or `none` (typed by the user, a bookmark).
    static let secFetchSite = Self("Sec-Fetch-Site")!
    /// `navigate` for a page load; `no-cors`, `cors`, … for images, scripts and fetches.
    static let secFetchMode = Self("Sec-Fetch-Mode")!
}
