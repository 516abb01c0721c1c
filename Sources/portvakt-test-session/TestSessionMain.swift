import Foundation
import Logging
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

/// A helper for the end-to-end tests only, never part of the server: until the login methods exist, it creates
/// an account and a single sign-on session through the store API, as the router tests do, and prints the
/// session cookie's value. The server itself has no way to make a session but a login method.
///
///     portvakt-test-session DATABASE_URL ACCOUNT_ID EMAIL GIVEN_NAME FAMILY_NAME
@main
struct TestSessionMain {
    static func main() async {
        let arguments = CommandLine.arguments.dropFirst()
        guard arguments.count == 5 else {
            FileHandle.standardError.write(Data("usage: portvakt-test-session DATABASE_URL ACCOUNT_ID EMAIL GIVEN_NAME FAMILY_NAME\n".utf8))
            exit(2)
        }
        let values = Array(arguments)
        do {
            let location = try DatabaseLocation.parse(values[0]).get()
            let store = try await SQLStore.open(location, logger: Logger(label: "portvakt-test-session"))
            let now = Date()
            do {
                _ = try await store.migrate()
                if try await store.account(id: values[1]) == nil {
                    try await store.createAccount(Account(
                        id: values[1], email: values[2], emailVerified: true, givenName: values[3], familyName: values[4], locale: "sv",
                        createdAt: now))
                }
                let secret = RandomToken.generate()
                try await store.createSession(
                    LoginSession(sid: RandomToken.generate(bits: 128), accountID: values[1], authTime: now, acr: nil, amr: ["pwd"],
                                 createdAt: now, lastSeenAt: now, expiresAt: now.addingTimeInterval(3600)),
                    secretDigest: Digest.sha256(secret))
                print(secret)
                await store.close()
            } catch {
                await store.close()
                throw error
            }
        } catch {
            FileHandle.standardError.write(Data("portvakt-test-session: \(error)\n".utf8))
            exit(1)
        }
    }
}
