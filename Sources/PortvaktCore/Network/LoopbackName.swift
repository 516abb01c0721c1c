/// Whether a request's `Host` (with or without its port) names this machine. Pages that exist only on a
/// developer's machine (the local mailbox, the embedded BankID simulator) answer only such requests: a web page
/// that rebinds its own name to 127.0.0.1 (DNS rebinding) still sends its own name.
public enum LoopbackName {
    public static func matches(_ authority: String) -> Bool {
        var host = authority.lowercased()
        if host.hasPrefix("["), let end = host.firstIndex(of: "]") {
            host = String(host[host.index(after: host.startIndex)..<end])
        } else if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
            host = String(host[..<colon])
        }
        return ["localhost", "127.0.0.1", "::1"].contains(host)
    }
}
