/// The HTML templates (Mustache). Kept in the binary, so a release build needs no resource folder.
/// Every page works without JavaScript; forms that change state carry a CSRF token.
enum Templates {
    static let all: [String: String] = [
        "layout": layout, "error": error, "login": login, "consent": consent, "logout": logout, "message": message,
    ]

    static let layout = """
        <!doctype html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} – {{productName}}</title>
        <link rel="stylesheet" href="/static/portvakt.css">
        </head>
        <body>
        <main>
        <p class="product">{{productName}}</p>
        <h1>{{title}}</h1>
        {{$body}}{{/body}}
        </main>
        {{#switchLanguageHref}}<footer><a href="{{switchLanguageHref}}" hreflang="{{otherLang}}">{{switchLanguage}}</a></footer>{{/switchLanguageHref}}
        </body>
        </html>
        """

    static let error = """
        {{<layout}}{{$body}}
        <p>{{lead}}</p>
        <p class="error" role="alert">{{message}}</p>
        {{/body}}{{/layout}}
        """

    static let login = """
        {{<layout}}{{$body}}
        <p>{{lead}}</p>
        {{#hasMethods}}
        <ul class="methods">
        {{#methods}}<li><a class="button" href="{{href}}">{{label}}</a></li>{{/methods}}
        </ul>
        {{/hasMethods}}
        {{^hasMethods}}<p class="error" role="alert">{{noMethods}}</p>{{/hasMethods}}
        {{/body}}{{/layout}}
        """

    static let consent = """
        {{<layout}}{{$body}}
        <p>{{lead}}</p>
        <ul class="scopes">
        {{#scopes}}<li>{{.}}</li>{{/scopes}}
        </ul>
        <form method="post" action="/consent">
        <input type="hidden" name="request" value="{{requestID}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" name="decision" value="approve">{{approve}}</button>
        <button type="submit" name="decision" value="deny" class="secondary">{{deny}}</button>
        </form>
        {{/body}}{{/layout}}
        """

    static let logout = """
        {{<layout}}{{$body}}
        <p>{{question}}</p>
        <form method="post" action="/logout">
        <input type="hidden" name="csrf" value="{{csrf}}">
        {{#postLogoutRedirectURI}}<input type="hidden" name="post_logout_redirect_uri" value="{{postLogoutRedirectURI}}">{{/postLogoutRedirectURI}}
        {{#clientID}}<input type="hidden" name="client_id" value="{{clientID}}">{{/clientID}}
        {{#state}}<input type="hidden" name="state" value="{{state}}">{{/state}}
        <button type="submit" name="confirm" value="yes">{{confirm}}</button>
        </form>
        {{/body}}{{/layout}}
        """

    static let message = """
        {{<layout}}{{$body}}
        <p>{{message}}</p>
        {{/body}}{{/layout}}
        """

    static let stylesheet = """
        body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f5;color:#1b1f1d}
        main{max-width:28rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 4px #0002}
        .product{font-weight:600;color:#2d6a4f;margin:0}
        h1{font-size:1.5rem}
        .error{color:#a4161a}
        ul.methods,ul.scopes{padding-left:1.2rem}
        .button,button{display:inline-block;padding:.6rem 1.2rem;border:0;border-radius:.3rem;background:#2d6a4f;color:#fff;font-size:1rem;text-decoration:none;cursor:pointer}
        button.secondary{background:#e9ecea;color:#1b1f1d}
        footer{text-align:center;margin:1rem}
        """
}
