import Foundation
import HTTPTypes
import Hummingbird
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

/// `/api/v1/`: the memberships of the caller's businesses as JSON, for portal apps that build their own
/// user management. Every call needs an access token from Portvakt with the scope `memberships:manage`; the
/// caller's role in the business is checked on every call, and a token that names a business
/// (`business:<customer_number>`) acts for that business only. Described by `OpenAPIDocument` at
/// `/api/v1/openapi.json`.
struct MembershipAPI<Store: AccountStore & AuthorizationStore & AuditLog & BusinessStore & CredentialStore & RateLimitStore>: Sendable {
    static var scope: String { "memberships:manage" }

    let store: Store
    let keyRing: KeyRing
    let issuer: String
    let memberships: MembershipActions<Store>
    let now: @Sendable () -> Date

    func addRoutes(to router: Router<PortvaktRequestContext>) {
        router.group("/api/v1").get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        let api = router.group("/api/v1")
            .add(middleware: BearerMiddleware(store: store, keyRing: keyRing, issuer: issuer, scope: Self.scope))
            .group(context: BearerRequestContext.self)
        api.get("businesses") { _, context in try await businesses(context.caller) }
        api.get("businesses/{customer}/members") { _, context in try await members(context) }
        api.get("businesses/{customer}/invitations") { _, context in try await invitations(context) }
        api.post("businesses/{customer}/invitations") { request, context in try await invite(request, context) }
        api.delete("businesses/{customer}/invitations/{id}") { _, context in try await revokeInvitation(context) }
        api.put("businesses/{customer}/members/{account}/role") { request, context in try await changeRole(request, context) }
        api.delete("businesses/{customer}/members/{account}") { _, context in try await removeMember(context) }
    }

    // MARK: - Calls

    func businesses(_ caller: BearerCaller) async throws -> Response {
        let narrowed = BusinessScope.namedBusiness(in: caller.scopes)
        let mine = try await store.memberships(accountID: caller.accountID).filter { narrowed == nil || $0.business.customerNumber == narrowed }
        return try Response.json(mine.map { entry in
            BusinessView(
                customer_number: entry.business.customerNumber, name: entry.business.name, kind: entry.business.kind.rawValue,
                role: entry.role.rawValue, active: entry.business.activatedAt != nil)
        })
    }

    func members(_ context: BearerRequestContext) async throws -> Response {
        let number = try await member(context, admin: false)
        return try Response.json(try await store.members(customerNumber: number).map(MemberView.init))
    }

    func invitations(_ context: BearerRequestContext) async throws -> Response {
        let number = try await member(context, admin: true)
        let now = now()
        return try Response.json(try await store.invitations(customerNumber: number).map { InvitationView($0, now: now) })
    }

    func invite(_ request: Request, _ context: BearerRequestContext) async throws -> Response {
        let caller = context.caller.accountID
        let number = try await member(context, admin: true)
        let body = try await decode(request, as: InviteBody.self)
        guard MailAddress(address: body.email).isPlausible else { throw APIError(.badRequest, "invalid_request", "email is not an e-mail address") }
        guard let role = BusinessRole(rawValue: body.role ?? "user") else {
            throw APIError(.badRequest, "invalid_request", "role must be admin or user")
        }
        guard let business = try await store.business(customerNumber: number) else { throw APIError(.notFound, "not_found", "no such business") }
        guard let invitation = try await memberships.invite(business: business, email: body.email, role: role, by: caller)
        else {
            throw APIError(
                .tooManyRequests, "too_many_requests",
                "at most \(MembershipActions<Store>.invitationsPerHour) invitations an hour")
        }
        try await audit("business.invited", caller, number, ["email": body.email, "role": role.rawValue, "via": "api"])
        var response = try Response.json(InvitationView(invitation, now: now()))
        response.status = .created
        return response
    }

    func revokeInvitation(_ context: BearerRequestContext) async throws -> Response {
        let number = try await member(context, admin: true)
        let id = context.parameters.get("id") ?? ""
        guard try await store.revokeInvitation(id: id, customerNumber: number, at: now()) else {
            throw APIError(.notFound, "not_found", "no pending invitation with this id")
        }
        try await audit("business.invitation_revoked", context.caller.accountID, number, ["invitation": id, "via": "api"])
        return Response(status: .noContent)
    }

    func changeRole(_ request: Request, _ context: BearerRequestContext) async throws -> Response {
        let number = try await member(context, admin: true)
        let body = try await decode(request, as: RoleBody.self)
        guard let role = BusinessRole(rawValue: body.role) else { throw APIError(.badRequest, "invalid_request", "role must be admin or user") }
        let account = context.parameters.get("account") ?? ""
        try check(try await store.changeRole(customerNumber: number, accountID: account, to: role))
        try await audit("business.role_changed", context.caller.accountID, number, ["member": account, "role": role.rawValue, "via": "api"])
        return try Response.json(["role": role.rawValue])
    }

    func removeMember(_ context: BearerRequestContext) async throws -> Response {
        let number = try await member(context, admin: true)
        let account = context.parameters.get("account") ?? ""
        try check(try await memberships.remove(customerNumber: number, accountID: account))
        try await audit("business.member_removed", context.caller.accountID, number, ["member": account, "via": "api"])
        return Response(status: .noContent)
    }

    // MARK: - Access

    /// The business of the path, if the token may act for it and the caller is a member (an administrator, when
    /// `admin`).
    private func member(_ context: BearerRequestContext, admin: Bool) async throws -> String {
        let number = context.parameters.get("customer") ?? ""
        if let narrowed = BusinessScope.namedBusiness(in: context.caller.scopes), narrowed != number {
            throw APIError(.forbidden, "forbidden", "this token acts for business \(narrowed) only")
        }
        guard let role = try await store.memberships(accountID: context.caller.accountID).first(where: { $0.business.customerNumber == number })?.role else {
            throw APIError(.notFound, "not_found", "you are not a member of business \(number)")
        }
        if admin, role != .admin { throw APIError(.forbidden, "forbidden", "only an administrator of \(number) may do this") }
        return number
    }

    private func check(_ change: MembershipChange) throws {
        switch change {
        case .done: return
        case .notMember: throw APIError(.notFound, "not_found", "no such member")
        case .lastAdministrator: throw APIError(.conflict, "last_administrator", "the business must keep at least one administrator")
        }
    }

    private func decode<Body: Decodable>(_ request: Request, as: Body.Type) async throws -> Body {
        guard let buffer = try? await request.body.collect(upTo: 16 * 1024),
            let body = try? JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView))
        else { throw APIError(.badRequest, "invalid_request", "the body is not the JSON this call takes") }
        return body
    }

    private func audit(_ action: String, _ caller: String, _ number: String, _ details: [String: String]) async throws {
        try await store.record(AuditEvent(at: now(), actor: "account:\(caller)", action: action, target: "business:\(number)", details: details))
    }

    // MARK: - Shapes

    struct BusinessView: Encodable { var customer_number, name, kind, role: String; var active: Bool }

    struct MemberView: Encodable {
        var account_id, role: String
        var email, name: String?
        init(_ member: Member) {
            account_id = member.accountID
            role = member.role.rawValue
            email = member.email
            name = member.name
        }
    }

    struct InvitationView: Encodable {
        var id, email, role, state, expires_at: String
        init(_ invitation: Invitation, now: Date) {
            id = invitation.id
            email = invitation.email
            role = invitation.role.rawValue
            state = invitation.state(now: now).rawValue
            expires_at = Timestamp.iso(invitation.expiresAt)
        }
    }

    struct InviteBody: Decodable { var email: String; var role: String? }
    struct RoleBody: Decodable { var role: String }
}
