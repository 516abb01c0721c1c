/// The paths of the business pages of the account console.
public enum BusinessRoutes {
    public static let list = "/account/businesses"
    public static let linkPIN = "/account/businesses/link-pin"
    public static let linkEmail = "/account/businesses/link-email"
    public static let redeemLink = "/account/businesses/link"
    public static let acceptInvitation = "/invitations/accept"
    /// One business's page; its operations are below it.
    static let businessPattern = "/account/businesses/{customer}"

    public static func business(_ customerNumber: String) -> String { "/account/businesses/\(customerNumber)" }

    /// The operations on one business, relative to its page: one route each.
    enum Operation {
        static let leave = "leave"
        static let activate = "activate"
        static let invite = "invite"
        static let changeRole = "members/{member}/role"
        static let removeMember = "members/{member}/remove"
        static let revokeInvitation = "invitations/{invitation}/revoke"
        static let resendInvitation = "invitations/{invitation}/resend"
    }

    static func leave(_ number: String) -> String { business(number) + "/leave" }
    static func activate(_ number: String) -> String { business(number) + "/activate" }
    static func invite(_ number: String) -> String { business(number) + "/invite" }
    static func changeRole(_ number: String, member: String) -> String { business(number) + "/members/\(member)/role" }
    static func removeMember(_ number: String, member: String) -> String { business(number) + "/members/\(member)/remove" }
    static func revokeInvitation(_ number: String, id: String) -> String { business(number) + "/invitations/\(id)/revoke" }
    static func resendInvitation(_ number: String, id: String) -> String { business(number) + "/invitations/\(id)/resend" }
}
