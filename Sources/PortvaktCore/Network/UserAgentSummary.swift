/// A session's browser and operating system, read from its `User-Agent` for the account page ("Chrome på
/// Windows"). Each is the product's name, or nil when the header does not say (the page calls it "okänd
/// webbläsare" / "okänt system"). Only the first `examinedLength` bytes are looked at, so a hostile header costs
/// bounded work; it is a description for the user, never a security decision.
public struct UserAgentSummary: Sendable, Equatable {
    public var browser: String?
    public var system: String?

    /// How much of the header is examined: real ones are 100–300 bytes.
    public static let examinedLength = 512
    /// How much of the header a session keeps (in Unicode scalars, so also at most 1 KiB).
    public static let storedLength = 256

    public init(browser: String?, system: String?) {
        self.browser = browser
        self.system = system
    }

    public init(_ userAgent: String) {
        let text = String(decoding: userAgent.utf8.prefix(Self.examinedLength), as: UTF8.self)
        browser = Self.first(in: text, of: Self.browsers)
        system = Self.first(in: text, of: Self.systems)
    }

    /// The part of a header a session keeps: its first `storedLength` Unicode scalars.
    public static func stored(_ userAgent: String) -> String {
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: userAgent.unicodeScalars.prefix(storedLength))
        return String(kept)
    }

    /// The name of the first rule one of whose token sets is wholly in `text`.
    private static func first(in text: String, of rules: [(name: String, tokens: [[String]])]) -> String? {
        rules.first { rule in rule.tokens.contains { all in all.allSatisfy { text.contains($0) } } }?.name
    }

    /// In order: Edge, Opera, Samsung Internet and Vivaldi say "Chrome/" too, Chromium says "Chrome/", and every
    /// one of them says "Safari/"; Safari itself is "Version/… Safari/", which Firefox and Chrome on iOS are not.
    private static let browsers: [(name: String, tokens: [[String]])] = [
        ("Edge", [["Edg/"], ["EdgA/"], ["EdgiOS/"], ["Edge/"]]),
        ("Opera", [["OPR/"], ["OPX/"], ["OPT/"], ["Opera"]]),
        ("Samsung Internet", [["SamsungBrowser/"]]),
        ("Vivaldi", [["Vivaldi/"]]),
        ("Firefox", [["Firefox/"], ["FxiOS/"]]),
        ("Chromium", [["Chromium/"]]),
        ("Chrome", [["Chrome/"], ["CriOS/"]]),
        ("Safari", [["Version/", "Safari/"]]),
        ("Internet Explorer", [["MSIE "], ["Trident/"]]),
    ]

    /// In order: iPhone and iPad say "like Mac OS X", Android says "Linux", and Chrome OS says "X11". (An iPad
    /// asking for desktop pages, iPadOS's default, says "Macintosh" and is named macOS: its header does not tell.)
    private static let systems: [(name: String, tokens: [[String]])] = [
        ("iPhone", [["iPhone"]]),
        ("iPad", [["iPad"]]),
        ("Android", [["Android"]]),
        ("Windows", [["Windows"]]),
        ("ChromeOS", [["CrOS"]]),
        ("macOS", [["Macintosh"], ["Mac OS X"]]),
        ("Linux", [["Linux"], ["X11"]]),
    ]
}
