/// The pages of a pending authorization request, each addressed by `?request=ID`.
public enum PendingRoutes {
    public static let login = "/login"
    public static let consent = "/consent"
    public static let resume = "/authorize/resume"
    public static let business = "/authorize/business"
    /// Business onboarding: linking (and activating) a business inside the authorization.
    public static let onboarding = "/authorize/business/link"
    public static let onboardingPINPath = "/authorize/business/link/pin"
    public static let onboardingEmailPath = "/authorize/business/link/email"
    public static let onboardingActivatePath = "/authorize/business/link/activate"
    public static let onboardingCancelPath = "/authorize/business/link/cancel"

    public static func url(_ route: String, _ id: String) -> String { "\(route)?request=\(id)" }
}
