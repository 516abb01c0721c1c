import Foundation

/// The lines under every mail, from the `ui` settings: who sends it ("Returpack – Mina sidor", or the service's
/// name alone when no organisation is set) and, when `ui.support_url` is set, where to get help.
public struct MailSignature: Sendable, Equatable {
    /// "Returpack – Mina sidor", or "Mina sidor".
    public var sender: String
    /// The words before the support link ("Hjälp och kontakt").
    public var supportLabel: String
    /// `ui.support_url`: an https:// address or a mailto: link; nil shows no help line.
    public var supportURL: String?
    /// `ui.primary_color` (`#rrggbb`, checked at start-up): the rule above the lines in the HTML part.
    public var color: String

    public init(ui: UI, language: PageLanguage) {
        sender = ui.organisation.map { "\($0) – \(ui.serviceName)" } ?? ui.serviceName
        supportLabel = PageText(language).supportLink
        supportURL = ui.supportURL
        color = ui.primaryColor
    }

    /// The support link as a reader sees it: a mailto: link shows its address alone.
    var supportShown: String? {
        guard let supportURL else { return nil }
        guard supportURL.lowercased().hasPrefix("mailto:") else { return supportURL }
        let address = supportURL.dropFirst("mailto:".count).split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        return address.removingPercentEncoding ?? address
    }

    public var text: String {
        guard let shown = supportShown else { return sender }
        return "\(sender)\n\(supportLabel): \(shown)"
    }

    public var html: String {
        var lines = [HTML.escape(sender)]
        if let supportURL, let shown = supportShown {
            lines.append("\(HTML.escape(supportLabel)): <a href=\"\(HTML.escape(supportURL))\">\(HTML.escape(shown))</a>")
        }
        return "<p style=\"border-top:2px solid \(HTML.escape(color));padding-top:.5em;color:#444\">" + lines.joined(separator: "<br>") + "</p>"
    }
}

extension MailSignature {
    /// For a mail in Swedish with an English line: the help line's words in both languages.
    mutating func addEnglishLabel() {
        let english = PageText(.en).supportLink
        if !supportLabel.hasSuffix(english) { supportLabel += " / \(english)" }
    }
}
