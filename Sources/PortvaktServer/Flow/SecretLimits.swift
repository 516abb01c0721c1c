import PortvaktCore

/// The limits a secret (a password, a code) is tried under, from `Limits`: the client address's own, the
/// (target, client address) budget that stops a guesser, and the target's ceiling, which slows only addresses with
/// recent failures and tells the owner.
struct SecretLimits: Sendable {
    let perAddress: RateLimit
    let perTargetAndAddress: RateLimit
    let perTarget: RateLimit

    static let password = SecretLimits(
        perAddress: Limits.failuresPerAddress, perTargetAndAddress: Limits.passwordPerAccountAndAddress, perTarget: Limits.passwordPerAccount)
    static let code = SecretLimits(
        perAddress: Limits.failuresPerAddress, perTargetAndAddress: Limits.codePerSubjectAndAddress, perTarget: Limits.codePerSubject)
}
