/// Passwords too common to accept, compared in lower case.
public enum CommonPasswords {
    public static let set: Set<String> = Set(list.split(separator: "\n").map { $0.lowercased() })
}
