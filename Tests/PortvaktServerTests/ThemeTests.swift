import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktServer
import PortvaktStore
import Testing

/// The `ui` settings reach every page, error pages included, and every mail.
@Suite struct ThemeTests {
    static var themed: [String: Any] {
        ["ui": ["service_name": "Kundportalen", "organisation": "Returpack", "support_url": "https://returpack.example/kontakt",
                "primary_color": "#1d4e89"]]
    }

    @Test func aMailSentByAThemedPortvaktNamesTheServiceAndTheOrganisationAndLinksToSupport() async throws {
        try await OIDCHarness.run(Self.themed) { h in
            let pendingID = try await h.pendingRequest()
            let emailPage = try await h.get("\(AccountRoutes.signUp)?request=\(pendingID)")
            _ = try await h.submit(emailPage, action: AccountRoutes.signUp, ["email": "nils@kiosken.se"])
            let code = try #require(try await h.mails(to: "nils@kiosken.se").first)
            #expect(code.subject == "Din verifieringskod till Kundportalen")
            #expect(code.text.hasSuffix("Returpack – Kundportalen\nHjälp och kontakt: https://returpack.example/kontakt\n"), "\(code.text)")
            // The HTML part is kept until the mail is delivered (the outbox then forgets it).
            #expect(code.html.isEmpty || code.html.contains(#"<a href="https://returpack.example/kontakt">"#))

            // An address with an account is told so, in the same words.
            _ = try await h.submit(emailPage, action: AccountRoutes.signUp, ["email": "anna@pantbutiken.se"])
            let already = try #require(try await h.mails(to: "anna@pantbutiken.se").first)
            #expect(already.subject == "Du har redan ett konto på Kundportalen" && already.text.contains("skapa ett konto på Kundportalen"))
            #expect(already.text.contains("Returpack – Kundportalen") && !already.text.contains("Mina sidor"))
        }
    }

    @Test func withTheDefaultsAMailIsSignedByTheServiceAlone() async throws {
        try await OIDCHarness.run { h in
            let pendingID = try await h.pendingRequest()
            let emailPage = try await h.get("\(AccountRoutes.signUp)?request=\(pendingID)")
            _ = try await h.submit(emailPage, action: AccountRoutes.signUp, ["email": "nils@kiosken.se"])
            let code = try #require(try await h.mails(to: "nils@kiosken.se").first)
            #expect(code.subject == "Din verifieringskod till Mina sidor")
            #expect(code.text.hasSuffix("\n\nMina sidor\n") && !code.text.contains("Hjälp och kontakt"), "\(code.text)")
        }
    }

    @Test func errorPagesShowTheConfiguredServiceOrganisationAndSupportLink() async throws {
        try await OIDCHarness.run(Self.themed) { h in
            let expired = try await h.get(PendingRoutes.consent + "?request=gone")
            let unknownLanguage = try await h.get("/language?lang=xx")
            let pages = [(expired, HTTPResponse.Status.badRequest), (unknownLanguage, .notFound)]
            for (page, status) in pages {
                #expect(page.status == status)
                #expect(page.body.contains("<title>") && page.body.contains("Kundportalen") && page.body.contains("Returpack"), "\(page.body)")
                #expect(page.body.contains(#"href="https://returpack.example/kontakt""#) && page.body.contains("Hjälp och kontakt"))
                #expect(!page.body.contains("Mina sidor"))
            }
            #expect(unknownLanguage.body.contains(">Till Kundportalen</a>"), "the way on names the service")
        }
        try await OIDCHarness.run { h in
            let expired = try await h.get(PendingRoutes.consent + "?request=gone")
            #expect(expired.status == .badRequest && expired.body.contains("Mina sidor") && !expired.body.contains("Hjälp och kontakt"))
        }
    }

    @Test func thePrivacyPolicyNamesTheConfiguredService() async throws {
        try await OIDCHarness.run(Self.themed) { h in
            let policy = try await h.get(AccountRoutes.privacy)
            #expect(policy.status == .ok && policy.body.contains("Kundportalen behandlar de uppgifter") && !policy.body.contains("Mina sidor"))
        }
    }
}
