import Foundation
import Hummingbird
import Logging
import PortvaktRelyingParty

/// "Mina sidor", the demo portal: logs users in with Portvakt through the kit, shows who they are and their
/// businesses, and lets an administrator list members and invite a colleague through Portvakt's API.
@main
struct DemoPortal {
    static let scopes = ["openid", "profile", "email", "memberships", "business", "memberships:manage", "offline_access"]
    /// The name and e-mail in the ID token itself (OpenID Connect Core §5.5), so that no userinfo call is needed.
    static let claims = #"{"id_token":{"name":null,"email":null}}"#

    static func main() async throws {
        let settings: PortalSettings
        do {
            settings = try PortalSettings.fromEnvironment()
        } catch {
            FileHandle.standardError.write(Data("portvakt-demo-portal: \(error)\n".utf8))
            exit(2)
        }
        let login = BrowserLogin(
            configuration: LoginConfiguration(
                clientID: settings.clientID, clientSecret: settings.clientSecret, redirectURI: "\(settings.url)/callback", scopes: scopes,
                postLogoutRedirectURI: "\(settings.url)/", cookieKey: LoginConfiguration.randomCookieKey(),
                sessionCookieName: "mina_sidor_session", loginCookieName: "mina_sidor_login"),
            provider: Provider(issuer: settings.issuer))
        var logger = Logger(label: "mina-sidor")
        logger.logLevel = .info
        let portal = DemoPortal(login: login, api: MembershipsClient(issuer: settings.issuer), logger: logger)
        let router = Router()
        router.add(middleware: PortalErrors())
        portal.addRoutes(to: router)
        let app = Application(router: router, configuration: .init(address: .hostname(settings.host, port: settings.port)), logger: logger)
        logger.info("Mina sidor at \(settings.url), logging in with \(settings.issuer) as client \(settings.clientID)")
        try await app.runService()
    }

    let login: BrowserLogin
    let api: MembershipsClient
    let logger: Logger

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in try await start(request) }
        router.get("login") { request, _ in
            try await login.startLogin(returnTo: request.uri.queryParameters.get("return") ?? "/", parameters: ["claims": Self.claims])
        }
        router.get("callback") { request, _ in
            do {
                return try await login.completeLogin(request)
            } catch let error as VerificationError {
                return PortalPage.response(
                    "Inloggningen misslyckades",
                    "<p>Kontrollen <code>\(PortalPage.escape(error.check.rawValue))</code> stoppade inloggningen.</p><p><a class=\"button\" href=\"/login\">Logga in igen</a></p>",
                    status: .badRequest)
            }
        }
        router.get("admin") { request, _ in try await admin(request) }
        router.post("admin/invite") { request, _ in try await invite(request) }
        router.post("admin/remove") { request, _ in try await remove(request) }
        // Portvakt tells the portal here that a user's session ended there (Back-Channel Logout 1.0).
        router.post("backchannel-logout") { request, _ in
            let answer = try await login.backChannelLogout(request)
            logger.info("back-channel logout from Portvakt: \(answer.status.code)")
            return answer
        }
        router.post("logout") { request, _ in
            guard let session = try await login.session(request) else { return PortalPage.redirect("/") }
            let form = try await Self.form(request)
            guard login.isFormToken(form["form_token"], of: session) else { return forbidden("Formuläret har gått ut. Ladda om sidan.") }
            return try await login.logout(request)
        }
    }

    /// The start page: "Logga in", or who the user is, their businesses and roles, and the business acted for.
    func start(_ request: Request) async throws -> Response {
        guard let session = try await login.session(request) else {
            return PortalPage.response("Välkommen", "<p>Här ser du dina verksamheter och hanterar vilka som får logga in.</p><p><a class=\"button\" href=\"/login\">Logga in</a></p>")
        }
        let claims = session.idToken.claims
        let rows = try session.idToken.memberships().map { membership in
            "<tr><td>\(PortalPage.escape(membership.name))</td><td>\(PortalPage.escape(membership.customerNumber))</td><td>\(PortalPage.kindName(membership.kind.rawValue))</td><td>\(PortalPage.roleName(membership.role.rawValue))</td></tr>"
        }
        var body = "<p>Inloggad som <strong id=\"name\">\(PortalPage.escape(claims.name ?? claims.email ?? session.subject))</strong>"
            + (claims.email.map { " (\(PortalPage.escape($0)))" } ?? "") + ".</p>"
        body += rows.isEmpty
            ? "<p>Du har inga aktiverade verksamheter.</p>"
            : "<h2>Dina verksamheter</h2><table id=\"memberships\"><tr><th>Verksamhet</th><th>Kundnummer</th><th>Typ</th><th>Roll</th></tr>\(rows.joined())</table>"
        if let business = try session.accessToken.business() {
            body += "<p id=\"acting\">Du agerar för <strong>\(PortalPage.escape(business.name))</strong> (\(PortalPage.escape(business.customerNumber))) som \(PortalPage.roleName(business.role.rawValue)).</p>"
            body += "<p><a href=\"/admin\">Användare i \(PortalPage.escape(business.name))</a></p>"
        }
        body += logoutForm(session)
        return PortalPage.response("Mina sidor", body)
    }

    /// Administrators only: the members and invitations of the business acted for, and the invitation form.
    func admin(_ request: Request, notice: String? = nil) async throws -> Response {
        guard let session = try await login.session(request) else { return PortalPage.redirect("/login?return=/admin") }
        guard let business = try administered(session) else {
            return forbidden("Bara en administratör av verksamheten kan hantera dess användare.")
        }
        let members = try await api.members(of: business.customerNumber, token: session.accessToken)
        let invitations = try await api.invitations(of: business.customerNumber, token: session.accessToken)
        var body = "<p>\(PortalPage.escape(business.name)) (\(PortalPage.escape(business.customerNumber)))</p>"
        if let notice { body += "<p role=\"status\" id=\"notice\">\(PortalPage.escape(notice))</p>" }
        body += "<h2>Användare</h2><table id=\"members\"><tr><th>Namn</th><th>E-post</th><th>Roll</th><th>Åtgärd</th></tr>"
        body += members.map { member in
            let remove = member.accountID == session.subject ? "" : """
                <form method="post" action="/admin/remove"><input type="hidden" name="form_token" value="\(login.formToken(for: session))">\
                <input type="hidden" name="account_id" value="\(PortalPage.escape(member.accountID))">\
                <button type="submit">Ta bort \(PortalPage.escape(member.name ?? member.email ?? ""))</button></form>
                """
            return "<tr><td>\(PortalPage.escape(member.name ?? ""))</td><td>\(PortalPage.escape(member.email ?? ""))</td><td>\(PortalPage.roleName(member.role.rawValue))</td><td>\(remove)</td></tr>"
        }.joined()
        body += "</table><h2>Inbjudningar</h2><ul id=\"invitations\">"
        body += invitations.map { "<li>\(PortalPage.escape($0.email)): \(PortalPage.roleName($0.role.rawValue)), \(PortalPage.escape($0.state))</li>" }.joined()
        body += """
            </ul><h2>Bjud in en kollega</h2><form method="post" action="/admin/invite">
            <input type="hidden" name="form_token" value="\(login.formToken(for: session))">
            <p><label for="email">E-postadress</label><br><input id="email" name="email" type="email" required autocomplete="off"></p>
            <p><label for="role">Roll</label><br><select id="role" name="role"><option value="user">Användare</option><option value="admin">Administratör</option></select></p>
            <p><button type="submit">Skicka inbjudan</button></p></form><p><a href="/">Tillbaka</a></p>
            """
        return PortalPage.response("Användare", body + logoutForm(session))
    }

    func invite(_ request: Request) async throws -> Response {
        guard let session = try await login.session(request) else { return PortalPage.redirect("/login?return=/admin") }
        guard let business = try administered(session) else {
            return forbidden("Bara en administratör av verksamheten kan bjuda in användare.")
        }
        let form = try await Self.form(request)
        guard login.isFormToken(form["form_token"], of: session) else { return forbidden("Formuläret har gått ut. Ladda om sidan.") }
        let email = form["email"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let role = Role(rawValue: form["role"] ?? "") ?? .user
        do {
            let invitation = try await api.invite(email, as: role, to: business.customerNumber, token: session.accessToken)
            return try await admin(request, notice: "En inbjudan har skickats till \(invitation.email).")
        } catch let error as MembershipsClient.APIError {
            return try await admin(request, notice: "Inbjudan kunde inte skickas: \(error.detail.isEmpty ? error.error : error.detail)")
        }
    }

    func remove(_ request: Request) async throws -> Response {
        guard let session = try await login.session(request) else { return PortalPage.redirect("/login?return=/admin") }
        guard let business = try administered(session) else {
            return forbidden("Bara en administratör av verksamheten kan ta bort användare.")
        }
        let form = try await Self.form(request)
        guard login.isFormToken(form["form_token"], of: session), let accountID = form["account_id"] else {
            return forbidden("Formuläret har gått ut. Ladda om sidan.")
        }
        do {
            try await api.remove(accountID, from: business.customerNumber, token: session.accessToken)
            return try await admin(request, notice: "Användaren har tagits bort.")
        } catch let error as MembershipsClient.APIError {
            return try await admin(request, notice: "Användaren kunde inte tas bort: \(error.detail.isEmpty ? error.error : error.detail)")
        }
    }

    /// The business the session's access token acts for, when the user is its administrator and the token may
    /// manage memberships; nil otherwise.
    func administered(_ session: PortalSession) throws -> Business? {
        do {
            try TokenRequirement.scope("memberships:manage").check(session.accessToken)
            try TokenRequirement.role(.admin).check(session.accessToken)
            return try session.accessToken.business()
        } catch let error as VerificationError where [.scope, .business, .role].contains(error.check) {
            return nil
        }
    }

    func forbidden(_ message: String) -> Response {
        PortalPage.response("Åtkomst nekad", "<p id=\"forbidden\">\(PortalPage.escape(message))</p><p><a href=\"/\">Till startsidan</a></p>", status: .forbidden)
    }

    func logoutForm(_ session: PortalSession) -> String {
        "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"form_token\" value=\"\(login.formToken(for: session))\"><button type=\"submit\">Logga ut</button></form>"
    }

    static func form(_ request: Request) async throws -> [String: String] {
        let body = try await request.body.collect(upTo: 16 * 1024)
        return try URLEncodedFormDecoder().decode([String: String].self, from: String(buffer: body))
    }
}
