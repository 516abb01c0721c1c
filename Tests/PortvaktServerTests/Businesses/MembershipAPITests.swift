import Foundation
import HTTPTypes
import Hummingbird
import PortvaktCore
import PortvaktCrypto
import PortvaktServer
import PortvaktStore
import Testing

@Suite struct MembershipAPITests {
    /// Pantbutiken with an administrator and a user, and a client allowed to manage memberships.
    func run(_ body: @Sendable (OIDCHarness, _ adminToken: String, _ userToken: String) async throws -> Void) async throws {
        try await OIDCHarness.run { h in
            let store = h.services.store
            try await store.saveBusiness(Business(
                customerNumber: "0123436", name: "Pantbutiken", kind: .retailer, registeredEmail: "panta@pantbutiken.se", pinHash: nil,
                createdAt: h.clock.now))
            try await store.createAccount(Account(id: "acc-user", email: "olle@kiosken.se", emailVerified: true, givenName: "Olle",
                                                  familyName: nil, locale: nil, createdAt: h.clock.now))
            #expect(try await store.linkFirstAdministrator(customerNumber: "0123436", accountID: OIDCHarness.accountID, at: h.clock.now) == .linked)
            try await store.createInvitation(
                Invitation(id: "i0", customerNumber: "0123436", email: "olle@kiosken.se", role: .user, invitedBy: OIDCHarness.accountID,
                           createdAt: h.clock.now, expiresAt: h.clock.now.addingTimeInterval(100)),
                tokenDigest: [1])
            _ = try await store.acceptInvitation(tokenDigest: [1], accountID: "acc-user", verifiedEmail: "olle@kiosken.se", now: h.clock.now)
            try await store.createClient(ClientRegistration(
                id: "admin-app", name: "Admin", redirectURIs: [OIDCHarness.redirect], scopes: ["openid", "memberships", "memberships:manage", "business"],
                firstParty: true, secretDigest: Digest.sha256(OIDCHarness.secret), createdAt: h.clock.now))
            func token(_ account: String, scope: String = "openid memberships:manage") async throws -> String {
                h.jar.clear()
                let answer = try await h.authorize(["client_id": "admin-app", "scope": scope], cookie: try await h.login(account))
                let code = try #require(answer.redirectParameters["code"])
                let tokens = try await h.post(
                    "/token", form: ["grant_type": "authorization_code", "code": code, "redirect_uri": OIDCHarness.redirect,
                                     "code_verifier": PKCEPair.standard.verifier],
                    headers: [.authorization: "Basic " + Data("admin-app:\(OIDCHarness.secret)".utf8).base64EncodedString()]).json
                return try #require(tokens["access_token"] as? String)
            }
            try await body(h, try await token(OIDCHarness.accountID), try await token("acc-user"))
        }
    }

    /// `business:<n>` narrows `memberships:manage` to that business: others answer 403, and the list shows it alone.
    @Test func aTokenThatNamesABusinessActsForThatBusinessOnly() async throws {
        try await run { h, _, _ in
            // Anna administers a second business.
            try await h.services.store.saveBusiness(Business(
                customerNumber: "0789015", name: "Kiosken", kind: .retailer, registeredEmail: "k@kiosken.se", pinHash: nil, createdAt: h.clock.now))
            #expect(try await h.services.store.linkFirstAdministrator(customerNumber: "0789015", accountID: OIDCHarness.accountID, at: h.clock.now) == .linked)
            for number in ["0123436", "0789015"] { _ = try await h.services.store.activateBusiness(customerNumber: number, at: h.clock.now) }
            func token(_ scope: String) async throws -> String {
                h.jar.clear()
                let answer = try await h.authorize(["client_id": "admin-app", "scope": scope], cookie: try await h.login())
                let code = try #require(answer.redirectParameters["code"], "\(answer.location ?? answer.body)")
                let tokens = try await h.post(
                    "/token", form: ["grant_type": "authorization_code", "code": code, "redirect_uri": OIDCHarness.redirect,
                                     "code_verifier": PKCEPair.standard.verifier],
                    headers: [.authorization: "Basic " + Data("admin-app:\(OIDCHarness.secret)".utf8).base64EncodedString()]).json
                return try #require(tokens["access_token"] as? String)
            }
            try await narrowedChecks(h, all: try await token("openid memberships:manage"), narrowed: try await token("openid memberships:manage business:0123436"))
        }
    }

    func narrowedChecks(_ h: OIDCHarness, all: String, narrowed: String) async throws {
        #expect(try await call(h, .get, "/api/v1/businesses/0789015/members", token: all).status == .ok)
        let other = try await call(h, .get, "/api/v1/businesses/0789015/members", token: narrowed)
        #expect(other.status == .forbidden && other.body.contains(#""error":"forbidden""#), "\(other.body)")
        let invite = try await call(h, .post, "/api/v1/businesses/0789015/invitations", token: narrowed, json: #"{"email":"x@example.se"}"#)
        #expect(invite.status == .forbidden)
        #expect(try await h.services.store.invitations(customerNumber: "0789015").isEmpty)
        #expect(try await call(h, .delete, "/api/v1/businesses/0789015/members/acc-anna", token: narrowed).status == .forbidden)
        #expect(try await call(h, .get, "/api/v1/businesses/0123436/members", token: narrowed).status == .ok)
        let list = try await call(h, .get, "/api/v1/businesses", token: narrowed)
        #expect(list.status == .ok && list.body.contains("0123436") && !list.body.contains("0789015"))
        let unnarrowed = try await call(h, .get, "/api/v1/businesses", token: all)
        #expect(unnarrowed.body.contains("0123436") && unnarrowed.body.contains("0789015"))
    }

    func call(_ h: OIDCHarness, _ method: HTTPRequest.Method, _ path: String, token: String?, json: String? = nil) async throws -> OIDCHarness.Answer {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await h.client.execute(uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) {
            OIDCHarness.Answer(status: $0.status, headers: $0.headers, body: String(buffer: $0.body))
        }
    }

    @Test func membersListAndAdministratorsManageWithTheRoleCheckedOnEveryCall() async throws {
        try await run { h, admin, user in
            let mine = try await call(h, .get, "/api/v1/businesses", token: user)
            #expect(mine.status == .ok && mine.body.contains(#""role":"user""#) && mine.body.contains(#""customer_number":"0123436""#))
            let members = try await call(h, .get, "/api/v1/businesses/0123436/members", token: user)
            #expect(members.status == .ok && members.body.contains("acc-user"))
            let forbidden = try await call(h, .post, "/api/v1/businesses/0123436/invitations", token: user, json: #"{"email":"x@example.se"}"#)
            #expect(forbidden.status == .forbidden && forbidden.body.contains(#""error":"forbidden""#))
            let stranger = try await call(h, .get, "/api/v1/businesses/0999999/members", token: admin)
            #expect(stranger.status == .notFound)

            let invited = try await call(h, .post, "/api/v1/businesses/0123436/invitations", token: admin, json: #"{"email":"ny@example.se","role":"admin"}"#)
            #expect(invited.status == .created && invited.body.contains(#""state":"pending""#))
            #expect(try await h.mails(to: "ny@example.se").count == 1)
            let bad = try await call(h, .post, "/api/v1/businesses/0123436/invitations", token: admin, json: #"{"email":"nope"}"#)
            #expect(bad.status == .badRequest)
            let id = try #require(invited.json["id"] as? String)
            #expect(try await call(h, .delete, "/api/v1/businesses/0123436/invitations/\(id)", token: admin).status == .noContent)
            #expect(try await call(h, .delete, "/api/v1/businesses/0123436/invitations/\(id)", token: admin).status == .notFound)

            let lastAdmin = try await call(
                h, .put, "/api/v1/businesses/0123436/members/\(OIDCHarness.accountID)/role", token: admin, json: #"{"role":"user"}"#)
            #expect(lastAdmin.status == .conflict && lastAdmin.body.contains("last_administrator"))
            let promoted = try await call(h, .put, "/api/v1/businesses/0123436/members/acc-user/role", token: admin, json: #"{"role":"admin"}"#)
            #expect(promoted.status == .ok)
            #expect(try await call(h, .delete, "/api/v1/businesses/0123436/members/acc-user", token: admin).status == .noContent)
            let gone = try await call(h, .get, "/api/v1/businesses/0123436/members", token: user)
            #expect(gone.status == .notFound, "a removed member sees the business no more")
            let events = try await h.services.store.auditEvents(limit: 50, before: nil)
            #expect(events.contains { $0.action == "business.member_removed" && $0.details["via"] == "api" })
        }
    }

    @Test func callsWithoutTheScopeOrATokenAreRefused() async throws {
        try await run { h, _, _ in
            let none = try await call(h, .get, "/api/v1/businesses", token: nil)
            #expect(none.status == .unauthorized && none.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            h.jar.clear()
            let answer = try await h.authorize(["client_id": "admin-app", "scope": "openid memberships"], cookie: try await h.login())
            let code = try #require(answer.redirectParameters["code"])
            let tokens = try await h.post(
                "/token", form: ["grant_type": "authorization_code", "code": code, "redirect_uri": OIDCHarness.redirect,
                                 "code_verifier": PKCEPair.standard.verifier],
                headers: [.authorization: "Basic " + Data("admin-app:\(OIDCHarness.secret)".utf8).base64EncodedString()]).json
            let narrow = try await call(h, .get, "/api/v1/businesses", token: try #require(tokens["access_token"] as? String))
            #expect(narrow.status == .forbidden && narrow.headers[.wwwAuthenticate]?.contains("insufficient_scope") == true)
        }
    }

    @Test func theOpenAPIDocumentIsServedAsCheckedInAndDescribesEveryRoute() async throws {
        try await run { h, _, _ in
            let served = try await h.get("/api/v1/openapi.json")
            // The file the build embeds (the EmbedDataFiles plugin), found from this file's path, not the working directory.
            let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            let checkedIn = try String(contentsOf: package.appendingPathComponent("Sources/PortvaktServer/API/openapi.json"), encoding: .utf8)
            #expect(served.status == .ok && served.headers[.contentType] == "application/json")
            #expect(served.body == checkedIn)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(served.body.utf8)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            #expect((document["info"] as? [String: Any])?["title"] as? String == "Portvakt memberships API")
            let paths = try #require(document["paths"] as? [String: Any])
            #expect(Set(paths.keys) == [
                "/businesses", "/businesses/{customer_number}/members", "/businesses/{customer_number}/invitations",
                "/businesses/{customer_number}/invitations/{invitation_id}", "/businesses/{customer_number}/members/{account_id}/role",
                "/businesses/{customer_number}/members/{account_id}",
            ])
        }
    }
}
