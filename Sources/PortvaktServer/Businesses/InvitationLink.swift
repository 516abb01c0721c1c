import Foundation
import PortvaktCore

/// The invitation a mailed link (`/invitations/accept?token=…`) carries, read from a return target: a sign-up
/// that starts from an invitation knows the invited address this way.
enum InvitationLink {
    static func token(in target: ReturnTarget?) -> String? {
        guard let target, let components = URLComponents(string: target.path), components.path == BusinessRoutes.acceptInvitation,
            let token = components.queryItems?.first(where: { $0.name == "token" })?.value, !token.isEmpty, token.count <= 128
        else { return nil }
        return token
    }

    /// The page of the invitation with `token`.
    static func path(_ token: String) -> String {
        var components = URLComponents()
        components.path = BusinessRoutes.acceptInvitation
        components.queryItems = [URLQueryItem(name: "token", value: token)]
        return components.string ?? BusinessRoutes.acceptInvitation
    }
}
