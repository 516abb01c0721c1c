/// When a code exchange issues a refresh token (OpenID Connect Core §11): only for `offline_access` that the
/// request asked for, the client is allowed (registered for `refresh_token`) and the user consented to (the
/// granted scopes are the consented ones; first-party clients are consented by registration). Without it, the
/// grant lives no longer than the login session: its access tokens end with the session, and there is no
/// refresh token to outlive it. A first-party client registered with `--always-refresh-token` gets one anyway;
/// without `offline_access` its grant still ends with the session, so the refresh token ends with it.
public enum RefreshTokenRule {
    public static let offlineAccess = "offline_access"

    public static func issuesRefreshToken(grantedScopes: [String], client: ClientRegistration) -> Bool {
        client.grantTypes.contains(.refreshToken)
            && (grantedScopes.contains(offlineAccess) || (client.firstParty && client.alwaysRefreshToken))
    }
}
