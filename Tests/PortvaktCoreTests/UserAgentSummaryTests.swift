import Testing

@testable import PortvaktCore

/// Issue 14, item 5: the account page names each session's browser and system, read from real User-Agent headers.
@Suite struct UserAgentSummaryTests {
    static let cases: [(userAgent: String, browser: String?, system: String?)] = [
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
         "Chrome", "Windows"),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
         "Edge", "Windows"),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0",
         "Opera", "Windows"),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox", "Windows"),
        ("Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko", "Internet Explorer", "Windows"),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox", "Linux"),
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Ubuntu Chromium/79.0.3945.79 Chrome/79.0.3945.79 Safari/537.36",
         "Chromium", "Linux"),
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", "Chrome", "Linux"),
        ("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome", "ChromeOS"),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
         "Safari", "macOS"),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
         "Chrome", "macOS"),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
         "Safari", "iPhone"),
        ("Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.7 Mobile/15E148 Safari/604.1",
         "Safari", "iPad"),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
         "Chrome", "iPhone"),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/132.0 Mobile/15E148 Safari/605.1.15",
         "Firefox", "iPhone"),
        ("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome", "Android"),
        ("Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
         "Samsung Internet", "Android"),
        ("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 EdgA/131.0.0.0",
         "Edge", "Android"),
        ("Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 OPR/86.0.0.0",
         "Opera", "Android"),
        ("Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0", "Firefox", "Android"),
        ("curl/8.5.0", nil, nil),
        ("python-requests/2.32.3", nil, nil),
    ]

    @Test(arguments: cases)
    func realHeadersNameTheirBrowserAndSystem(_ example: (userAgent: String, browser: String?, system: String?)) {
        let summary = UserAgentSummary(example.userAgent)
        #expect(summary.browser == example.browser, "\(example.userAgent)")
        #expect(summary.system == example.system, "\(example.userAgent)")
    }

    @Test func garbageEmptyAndHugeHeadersNameNothingAndCostLittle() {
        #expect(UserAgentSummary("") == UserAgentSummary(browser: nil, system: nil))
        #expect(UserAgentSummary("\u{0}\u{1}<script>alert(1)</script>\u{FFFD}") == UserAgentSummary(browser: nil, system: nil))
        #expect(UserAgentSummary(String(repeating: "ÅÄÖ🙂", count: 10_000)) == UserAgentSummary(browser: nil, system: nil))
        // Past the examined length a token is not seen, however long the header.
        let padded = String(repeating: "A", count: 1_000_000) + " (Windows NT 10.0) Chrome/131.0.0.0"
        #expect(UserAgentSummary(padded) == UserAgentSummary(browser: nil, system: nil))
        // One grapheme of 100,000 combining marks, and a cut in the middle of a multi-byte character.
        #expect(UserAgentSummary("e" + String(repeating: "\u{301}", count: 100_000)).browser == nil)
        #expect(UserAgentSummary(String(repeating: "x", count: 511) + "å Firefox/1").browser == nil)
        #expect(UserAgentSummary(String(repeating: "x", count: 480) + " Firefox/133.0").browser == "Firefox", "within the examined length")
    }

    @Test func aSessionKeepsAtMost256Characters() {
        #expect(UserAgentSummary.stored("Firefox/133.0") == "Firefox/133.0")
        let long = String(repeating: "Mozilla/5.0 ", count: 100)
        #expect(UserAgentSummary.stored(long) == String(long.prefix(256)))
        let marks = UserAgentSummary.stored("e" + String(repeating: "\u{301}", count: 100_000))
        #expect(marks.unicodeScalars.count == 256 && marks.count <= 256 && marks.utf8.count <= 1024)
        #expect(UserAgentSummary.stored(String(repeating: "🙂", count: 1000)).count == 256)
    }

    @Test func thePageSaysItInTheUsersLanguage() {
        let chrome = UserAgentSummary(browser: "Chrome", system: "Windows")
        let unknown = UserAgentSummary(browser: nil, system: nil)
        #expect(PageText(.sv).device(chrome) == "Chrome på Windows")
        #expect(PageText(.en).device(chrome) == "Chrome on Windows")
        #expect(PageText(.sv).device(unknown) == "Okänd webbläsare på okänt system")
        #expect(PageText(.en).device(unknown) == "Unknown browser on unknown system")
        #expect(PageText(.sv).device(UserAgentSummary(browser: "Safari", system: nil)) == "Safari på okänt system")
        #expect(PageText(.sv).sessionLine(device: "Chrome på Windows", started: "2026-11-29 14:02", lastSeen: "2026-11-29 14:05",
                                          method: "BankID", address: "127.0.0.1")
            == "Chrome på Windows · Inloggad 2026-11-29 14:02 med BankID från 127.0.0.1, senast aktiv 2026-11-29 14:05")
        #expect(PageText(.en).sessionLine(device: nil, started: "2026-11-29 14:02", lastSeen: "2026-11-29 14:05", method: "BankID", address: nil)
            == "Logged in 2026-11-29 14:02 with BankID, last active 2026-11-29 14:05", "a session from before names neither")
    }
}
