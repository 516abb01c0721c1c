/// How a staff session logged in, as `staff.login_methods` names them: `bankid` by default, `password` (e-mail,
/// password and a mailed code) only when the setting allows it too.
public enum StaffLoginMethod: String, Sendable, CaseIterable, Codable {
    case bankid
    case password

    /// The method a session's `amr` says it used: BankID's software key (`swk`, what every BankID login here
    /// records), or a password (`pwd`). The one reading of `amr` for the desk, the applicant's BankID identity and
    /// the account page.
    public static func of(amr: [String]) -> StaffLoginMethod? {
        if amr.contains("swk") { return .bankid }
        if amr.contains("pwd") { return .password }
        return nil
    }

    /// `bankid` or `bankid, password`: a comma-separated list of methods, none twice, at least one.
    public static func parseList(_ text: String) -> Result<[StaffLoginMethod], ConfigurationMessage> {
        var methods: [StaffLoginMethod] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = item.trimmingCharacters(in: .whitespaces)
            guard let method = StaffLoginMethod(rawValue: name), !methods.contains(method) else {
                return .failure("expected a comma-separated list of bankid and password, each at most once (got \"\(name)\")")
            }
            methods.append(method)
        }
        return methods.isEmpty ? .failure("name at least one login method: bankid, password") : .success(methods)
    }
}
