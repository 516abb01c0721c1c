import Foundation

/// The rules of the authorization endpoint, one small named check each, run in order. The first two decide
/// where errors may go; from the third on, errors are redirected to the client with `state` and `iss`.
public enum AuthorizationChecks {
    /// The client and redirect URI, checked before anything may be redirected (RFC 6749 §3.1.2.4, §4.1.2.1).
    public static func checkClientAndRedirectURI(
        _ parameters: [String: String], client: ClientRegistration?
    ) -> Result<(ClientRegistration, String), OAuthError> {
        guard let clientID = parameters["client_id"], !clientID.isEmpty else {
            return .failure(.invalidClientForRedirect("the request has no client_id"))
        }
        guard let client, client.id == clientID else {
            return .failure(.invalidClientForRedirect("no client is registered with the id \(clientID)"))
        }
        guard let redirectURI = parameters["redirect_uri"], !redirectURI.isEmpty else {
            return .failure(.invalidClientForRedirect("the request has no redirect_uri"))
        }
        // Exact string comparison (RFC 9700 §4.1.3): no prefix, no normalisation.
        guard client.redirectURIs.contains(redirectURI) else {
            return .failure(.invalidClientForRedirect("the redirect_uri is not registered for this client"))
        }
        guard client.grantTypes.contains(.authorizationCode) else {
            return .failure(.invalidClientForRedirect("this client may not use the authorization code flow"))
        }
        return .success((client, redirectURI))
    }

    /// Builds the request from its parameters, after the client and redirect URI are known good.
    public static func parse(
        _ parameters: [String: String], client: ClientRegistration, redirectURI: String
    ) -> Result<AuthorizationRequest, OAuthError> {
        do {
            try checkLengths(parameters)
            try checkRequestObjects(parameters)
            try checkResponseType(parameters)
            let scopes = try checkScope(parameters, client: client)
            let challenge = try checkPKCE(parameters, client: client)
            let prompts = try checkPrompt(parameters)
            let maxAge = try checkMaxAge(parameters)
            let (idTokenClaims, userinfoClaims) = try checkClaims(parameters)
            try checkResponseMode(parameters)
            return .success(AuthorizationRequest(
                clientID: client.id, redirectURI: redirectURI, scopes: scopes, state: parameters["state"],
                nonce: parameters["nonce"], codeChallenge: challenge, prompts: prompts, maxAge: maxAge,
                loginHint: parameters["login_hint"], acrValues: words(parameters["acr_values"]),
                uiLocales: words(parameters["ui_locales"]), display: parameters["display"],
                idTokenClaims: idTokenClaims, userinfoClaims: userinfoClaims))
        } catch let error as OAuthError {
            return .failure(error)
        } catch {
            return .failure(.serverError("unexpected error"))
        }
    }

    /// The longest value each parameter may have: a request waiting for its login is stored, and nobody may fill the
    /// store with large anonymous requests. Anything longer is `invalid_request`, on an error page: it is not
    /// redirected, so an over-long `state` is never echoed back into a redirect.
    public static let maximumLengths: [String: Int] = [
        "state": 512, "nonce": 512, "login_hint": 512, "claims": 2048, "acr_values": 512, "ui_locales": 128, "display": 32,
        "prompt": 64, "max_age": 16, "scope": 1024, "code_challenge": 128, "code_challenge_method": 16, "response_type": 32,
        "response_mode": 32, "id_token_hint": 8192,
    ]

    static func checkLengths(_ parameters: [String: String]) throws {
        for (name, limit) in maximumLengths {
            if let value = parameters[name], value.utf8.count > limit {
                throw OAuthError.parameterTooLong("\(name) is longer than \(limit) bytes")
            }
        }
    }

    /// OpenID Connect Core §6: request objects are not supported, and say so.
    static func checkRequestObjects(_ parameters: [String: String]) throws {
        if parameters["request"] != nil { throw OAuthError.requestNotSupported("request objects are not supported") }
        if parameters["request_uri"] != nil { throw OAuthError.requestURINotSupported("request_uri is not supported") }
    }

    /// Only the authorization code flow (RFC 9700 §2.1.2: no implicit or hybrid).
    static func checkResponseType(_ parameters: [String: String]) throws {
        guard let type = parameters["response_type"] else { throw OAuthError.invalidRequest("response_type is missing") }
        guard type == "code" else { throw OAuthError.unsupportedResponseType("only response_type=code is supported") }
    }

    /// `openid` is required, and every scope must be allowed for the client.
    static func checkScope(_ parameters: [String: String], client: ClientRegistration) throws -> [String] {
        let scopes = words(parameters["scope"])
        guard scopes.contains("openid") else { throw OAuthError.invalidScope("the scope must include openid") }
        let refused = scopes.filter {
            !client.scopes.contains($0) && !($0 == "offline_access" && client.grantTypes.contains(.refreshToken))
                && !(BusinessScope.customerNumber(in: $0) != nil && client.scopes.contains("business"))
        }
        guard scopes.filter(BusinessScope.isBusinessScope).count <= 1 else {
            throw OAuthError.invalidScope("ask for one business at a time")
        }
        guard refused.isEmpty else {
            throw OAuthError.invalidScope("the client may not ask for \(refused.joined(separator: " "))")
        }
        var unique: [String] = []
        for scope in scopes where !unique.contains(scope) { unique.append(scope) }
        return unique
    }

    /// RFC 7636: S256 only. Required for every client (RFC 9700 §2.1.1), confidential ones too, unless the
    /// client's registration opts out; a public client never can.
    static func checkPKCE(_ parameters: [String: String], client: ClientRegistration) throws -> String? {
        let challenge = try PKCE.checkChallenge(parameters["code_challenge"], method: parameters["code_challenge_method"]).get()
        if challenge == nil && (client.requiresPKCE || client.isPublic) {
            throw OAuthError.invalidRequest("PKCE is required: send code_challenge with code_challenge_method=S256")
        }
        return challenge
    }

    /// OpenID Connect Core §3.1.2.1: `none` stands alone.
    static func checkPrompt(_ parameters: [String: String]) throws -> Set<AuthorizationRequest.Prompt> {
        var prompts = Set<AuthorizationRequest.Prompt>()
        for word in words(parameters["prompt"]) {
            guard let prompt = AuthorizationRequest.Prompt(rawValue: word) else {
                throw OAuthError.invalidRequest("unknown prompt value \(word)")
            }
            prompts.insert(prompt)
        }
        if prompts.contains(.none) && prompts.count > 1 {
            throw OAuthError.invalidRequest("prompt=none cannot be combined with other values")
        }
        return prompts
    }

    static func checkMaxAge(_ parameters: [String: String]) throws -> Int? {
        guard let raw = parameters["max_age"] else { return nil }
        guard let value = Int(raw), value >= 0 else { throw OAuthError.invalidRequest("max_age must be a whole number of seconds") }
        return value
    }

    /// OpenID Connect Core §5.5: which claims are asked for, by name, for the ID token and userinfo.
    static func checkClaims(_ parameters: [String: String]) throws -> ([String], [String]) {
        guard let raw = parameters["claims"] else { return ([], []) }
        guard let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(raw.utf8)) else {
            throw OAuthError.invalidRequest("claims must be a JSON object")
        }
        func names(_ key: String) throws -> [String] {
            switch object[key] {
            case nil, .null?: return []
            // Only claims Portvakt knows are kept: the request is stored until the login ends.
            case .object(let members)?: return members.keys.filter(ClaimsPolicy.standard.claimNames.contains).sorted()
            default: throw OAuthError.invalidRequest("claims.\(key) must be an object")
            }
        }
        return (try names("id_token"), try names("userinfo"))
    }

    /// Only the default query response mode.
    static func checkResponseMode(_ parameters: [String: String]) throws {
        if let mode = parameters["response_mode"], mode != "query" {
            throw OAuthError.invalidRequest("only response_mode=query is supported")
        }
    }

    public static func words(_ value: String?) -> [String] {
        (value ?? "").split(whereSeparator: { $0 == " " }).map(String.init)
    }
}
