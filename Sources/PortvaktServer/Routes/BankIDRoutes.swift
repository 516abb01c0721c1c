import PortvaktCore

/// The paths of the BankID pages.
public enum BankIDRoutes {
    public static let start = "/login/bankid"
    public static let order = "/login/bankid/order"
    public static let status = "/login/bankid/status"
    public static let qr = "/login/bankid/qr"
    public static let cancel = "/login/bankid/cancel"
    public static let done = "/login/bankid/done"
    public static let signUp = "/signup/bankid"
    public static let signUpCode = "/signup/bankid/code"
    public static let signUpResend = "/signup/bankid/resend"
    public static let signUpDetails = "/signup/bankid/details"

    /// The choice page again (after a cancel or a failure), never skipped by `acr_values`.
    static func choice(_ flow: FlowRequest) -> String { flow.link(start) + "&choose=1" }
}
