/// The HTML templates (Mustache). Kept in the binary, so a release build needs no resource folder.
/// Every page works without JavaScript; forms that change state carry a CSRF token.
enum Templates {
    static let all: [String: String] = [
        "layout": layout, "error": error, "login": login, "consent": consent, "logout": logout, "message": message,
        "form": form, "document": document, "mailbox": mailbox, "bankid": bankID, "business": business,
    ]

    static let layout = """
        <!doctype html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} – {{productName}}</title>
        <link rel="stylesheet" href="/static/portvakt.css">
        {{#refresh}}<noscript><meta http-equiv="refresh" content="{{refresh}}"></noscript>{{/refresh}}
        {{#reload}}<meta http-equiv="refresh" content="{{reload}}">{{/reload}}
        {{#script}}<script src="{{script}}" defer></script>{{/script}}
        </head>
        <body>
        <main{{#wide}} class="wide"{{/wide}}>
        <p class="product">{{#logo}}<img class="logo" src="{{logo}}" alt="" height="32">{{/logo}}<span>{{productName}}</span>{{#organisation}} <span class="organisation">{{organisation}}</span>{{/organisation}}</p>
        <h1>{{title}}</h1>
        {{$body}}{{/body}}
        </main>
        <footer>{{#switchLanguageHref}}<a href="{{switchLanguageHref}}" hreflang="{{otherLang}}">{{switchLanguage}}</a>{{/switchLanguageHref}}{{#support}} <a href="{{href}}">{{text}}</a>{{/support}}</footer>
        </body>
        </html>
        """

    static let error = """
        {{<layout}}{{$body}}
        <p>{{lead}}</p>
        <p class="error" role="alert">{{message}}</p>
        {{#link}}<p><a href="{{href}}">{{text}}</a></p>{{/link}}
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
        {{#signUp}}<p><a href="{{href}}">{{text}}</a></p>{{/signUp}}
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
        {{#link}}<p><a href="{{href}}">{{text}}</a></p>{{/link}}
        {{/body}}{{/layout}}
        """

    /// Any page of forms (`FormPage`): sign-up, login, codes, reset, the account page.
    static let form = """
        {{<layout}}{{$body}}
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#lead}}<p>{{lead}}</p>{{/lead}}
        {{#choices}}<p><a class="button" href="{{href}}">{{text}}</a></p>{{/choices}}
        {{#forms}}
        <section>
        {{#heading}}<h2>{{heading}}</h2>{{/heading}}
        {{#formNotice}}<p class="notice" role="status">{{formNotice}}</p>{{/formNotice}}
        {{#lines}}<p>{{.}}</p>{{/lines}}
        <form method="{{method}}" action="{{action}}">
        {{#hidden}}<input type="hidden" name="{{name}}" value="{{value}}">
        {{/hidden}}
        {{#fields}}
        <div class="field">
        {{#checkbox}}<input type="checkbox" id="{{id}}" name="{{name}}" value="yes"{{#checked}} checked{{/checked}}{{#error}} aria-invalid="true"{{/error}}{{#describedBy}} aria-describedby="{{describedBy}}"{{/describedBy}}>
        <label for="{{id}}">{{label}}</label>{{#linkHref}} (<a href="{{linkHref}}" target="_blank" rel="noopener">{{linkText}}</a>){{/linkHref}}{{/checkbox}}
        {{#select}}<label for="{{id}}">{{label}}</label>
        <select id="{{id}}" name="{{name}}">{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select>{{/select}}
        {{#plain}}<label for="{{id}}">{{label}}</label>
        <input type="{{type}}" id="{{id}}" name="{{name}}" value="{{value}}" autocomplete="{{autocomplete}}"{{#inputmode}} inputmode="{{inputmode}}"{{/inputmode}} required{{#error}} aria-invalid="true"{{/error}}{{#describedBy}} aria-describedby="{{describedBy}}"{{/describedBy}}>
        {{#hint}}<small id="{{id}}-hint">{{hint}}</small>{{/hint}}{{/plain}}
        {{#error}}<p class="error" id="{{id}}-error">{{error}}</p>{{/error}}
        </div>
        {{/fields}}
        {{#hasSubmit}}<button type="submit"{{#secondary}} class="secondary"{{/secondary}}{{#confirm}} name="confirm" value="yes"{{/confirm}}>{{submit}}</button>{{/hasSubmit}}
        </form>
        {{#cancel}}<p><a href="{{href}}">{{text}}</a></p>{{/cancel}}
        </section>
        {{/forms}}
        {{#links}}<p><a href="{{href}}">{{text}}</a></p>{{/links}}
        {{/body}}{{/layout}}
        """

    /// A BankID order in progress: the status message (RFA), the QR code or the button that opens the app, and
    /// cancel. Without JavaScript the page reloads itself; with it, `/static/bankid.js` polls the status.
    static let bankID = """
        {{<layout}}{{$body}}
        <div id="bankid" data-status="{{statusURL}}">
        <p id="bankid-message" role="status" aria-live="polite">{{message}}</p>
        {{#qr}}<img id="bankid-qr" class="qr" src="{{qr}}" alt="{{qrAlt}}" width="240" height="240">
        <p>{{qrInstruction}}</p>{{/qr}}
        {{#autostart}}<p><a class="button" href="{{autostart}}">{{openApp}}</a></p>{{/autostart}}
        {{#otherDevice}}<form method="post" action="{{action}}">
        {{#hidden}}<input type="hidden" name="{{name}}" value="{{value}}">
        {{/hidden}}<button type="submit" class="secondary">{{label}}</button>
        </form>{{/otherDevice}}
        {{#moreOptions}}<p><a href="{{href}}">{{text}}</a></p>{{/moreOptions}}
        {{#pending}}<form method="post" action="{{cancelAction}}">
        <input type="hidden" name="id" value="{{orderID}}">
        <input type="hidden" name="lang" value="{{lang}}">
        <button type="submit" class="secondary">{{cancel}}</button>
        </form>{{/pending}}
        <p id="bankid-again"{{#pending}} hidden{{/pending}}><a class="button" href="{{againHref}}">{{tryAgain}}</a></p>
        </div>
        {{/body}}{{/layout}}
        """

    /// One business: its state, activation, "Skapa ny användare", and "Användarhantering" as two tables (members
    /// and invitations) whose every control is labelled by its row; actions only where they apply.
    static let business = """
        {{<layout}}{{$body}}
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <p>{{lead}}</p>
        {{#forms}}
        <section>
        <h2>{{heading}}</h2>
        {{#lines}}<p>{{.}}</p>{{/lines}}
        <form method="post" action="{{action}}">
        {{#hidden}}<input type="hidden" name="{{name}}" value="{{value}}">
        {{/hidden}}
        {{#fields}}
        <div class="field">
        {{#select}}<label for="{{id}}">{{label}}</label>
        <select id="{{id}}" name="{{name}}">{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select>{{/select}}
        {{#plain}}<label for="{{id}}">{{label}}</label>
        <input type="{{type}}" id="{{id}}" name="{{name}}" value="{{value}}" autocomplete="{{autocomplete}}" required{{#error}} aria-invalid="true"{{/error}}{{#describedBy}} aria-describedby="{{describedBy}}"{{/describedBy}}>
        {{#hint}}<small id="{{id}}-hint">{{hint}}</small>{{/hint}}{{/plain}}
        {{#error}}<p class="error" id="{{id}}-error">{{error}}</p>{{/error}}
        </div>
        {{/fields}}
        <button type="submit"{{#secondary}} class="secondary"{{/secondary}}>{{submit}}</button>
        </form>
        </section>
        {{/forms}}
        <section>
        <h2>{{userManagement}}</h2>
        <div class="table" role="region" aria-labelledby="members-caption" tabindex="0">
        <table>
        <caption id="members-caption">{{membersCaption}}</caption>
        <thead><tr><th scope="col">{{nameColumn}}</th><th scope="col">{{emailColumn}}</th><th scope="col">{{roleColumn}}</th><th scope="col">{{sinceColumn}}</th>{{#admin}}<th scope="col">{{actionsColumn}}</th>{{/admin}}</tr></thead>
        <tbody>
        {{#members}}<tr>
        <th scope="row">{{name}}{{#isYou}} ({{you}}){{/isYou}}</th><td>{{email}}</td>
        <td>{{#changeRole}}<form method="post" action="{{action}}">
        {{#hidden}}<input type="hidden" name="{{name}}" value="{{value}}">
        {{/hidden}}<label for="{{id}}" class="visually-hidden">{{label}}</label>
        <select id="{{id}}" name="role">{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select>
        <button type="submit" class="secondary">{{submit}}</button>
        </form>{{/changeRole}}{{^changeRole}}{{roleLabel}}{{/changeRole}}</td>
        <td>{{since}}</td>
        {{#admin}}<td>{{#remove}}<form method="post" action="{{action}}">
        {{#hidden}}<input type="hidden" name="{{name}}" value="{{value}}">
        {{/hidden}}<button type="submit" class="secondary" aria-label="{{label}}">{{submit}}</button>
        </form>{{/remove}}</td>{{/admin}}
        </tr>
        {{#error}}<tr><td colspan="5" class="error" role="alert">{{error}}</td></tr>{{/error}}
        {{/members}}
        </tbody>
        </table>
        </div>
        {{#leave}}<form method="post" action="{{action}}">
        {{#hidden}}<input type="hidden" name="{{name}}" value="{{value}}">
        {{/hidden}}<button type="submit" class="secondary">{{submit}}</button>
        </form>{{/leave}}
        </section>
        {{#admin}}<section>
        <h2>{{invitationsTitle}}</h2>
        {{#hasInvitations}}<div class="table" role="region" aria-labelledby="invitations-caption" tabindex="0">
        <table>
        <caption id="invitations-caption">{{invitationsCaption}}</caption>
        <thead><tr><th scope="col">{{addressColumn}}</th><th scope="col">{{roleColumn}}</th><th scope="col">{{stateColumn}}</th><th scope="col">{{sentColumn}}</th><th scope="col">{{actionsColumn}}</th></tr></thead>
        <tbody>
        {{#invitations}}<tr>
        <th scope="row">{{email}}</th><td>{{role}}</td><td>{{state}}</td><td>{{sent}}</td>
        <td>{{#actions}}<form method="post" action="{{action}}">
        {{#hidden}}<input type="hidden" name="{{name}}" value="{{value}}">
        {{/hidden}}<button type="submit" class="secondary" aria-label="{{label}}">{{submit}}</button>
        </form>
        {{/actions}}</td>
        </tr>{{/invitations}}
        </tbody>
        </table>
        </div>{{/hasInvitations}}
        {{^hasInvitations}}<p>{{noInvitations}}</p>{{/hasInvitations}}
        </section>{{/admin}}
        {{#links}}<p><a href="{{href}}">{{text}}</a></p>{{/links}}
        {{/body}}{{/layout}}
        """

    /// Polls a BankID order's status once a second, updates the message and the QR code, and moves on when done.
    static let bankIDScript = """
        (function () {
          var box = document.getElementById("bankid");
          if (!box) return;
          var statusURL = box.getAttribute("data-status");
          var message = document.getElementById("bankid-message");
          function poll() {
            fetch(statusURL, { credentials: "same-origin", cache: "no-store" })
              .then(function (r) { return r.json(); })
              .then(function (s) {
                if (s.next) { window.location.assign(s.next); return; }
                message.textContent = s.message;
                var qr = document.getElementById("bankid-qr");
                if (qr) { if (s.qr) { qr.src = s.qr; qr.hidden = false; } else { qr.hidden = true; } }
                if (s.state === "pending") { setTimeout(poll, 1000); return; }
                var forms = box.getElementsByTagName("form");
                for (var i = 0; i < forms.length; i++) forms[i].hidden = true;
                document.getElementById("bankid-again").hidden = false;
              })
              .catch(function () { setTimeout(poll, 2000); });
          }
          setTimeout(poll, 1000);
        })();
        """

    /// A page of text paragraphs (the privacy policy).
    static let document = """
        {{<layout}}{{$body}}
        {{#paragraphs}}<p>{{.}}</p>{{/paragraphs}}
        {{#footnote}}<p><small>{{footnote}}</small></p>{{/footnote}}
        {{/body}}{{/layout}}
        """

    /// The local mailbox (embedded default only).
    static let mailbox = """
        {{<layout}}{{$body}}
        <p class="notice">{{warning}}</p>
        {{#mails}}<article class="mail">
        <h2>{{subject}}</h2>
        <p><small>{{to}} · {{date}}</small></p>
        <pre>{{text}}</pre>
        </article>{{/mails}}
        {{^mails}}<p>{{empty}}</p>{{/mails}}
        {{/body}}{{/layout}}
        """

    static let stylesheet = """
        body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f5;color:#1b1f1d}
        main{max-width:28rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 4px #0002}
        main.wide{max-width:60rem}
        @media (max-width:30rem){main{margin:0;padding:1rem;border-radius:0}}
        .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        div.table{overflow-x:auto;margin:0 0 1rem}
        table{border-collapse:collapse;width:100%}
        caption{text-align:left;font-weight:600;padding:.3rem 0}
        th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #d5dbd8;vertical-align:middle}
        thead th{font-size:.9rem}
        td form{display:flex;gap:.4rem;align-items:center;margin:0}
        td form select{padding:.3rem;font-size:1rem}
        td form button{padding:.35rem .8rem}
        .product{font-weight:600;color:#2d6a4f;margin:0;display:flex;align-items:center;gap:.5rem;flex-wrap:wrap}
        .product .organisation{font-weight:400;color:#4a524e}
        img.logo{height:2rem;width:auto}
        footer a{margin:0 .5rem}
        h1{font-size:1.5rem}
        .error{color:#a4161a}
        ul.methods,ul.scopes{padding-left:1.2rem}
        .button,button{display:inline-block;padding:.6rem 1.2rem;border:0;border-radius:.3rem;background:#2d6a4f;color:#fff;font-size:1rem;text-decoration:none;cursor:pointer}
        button.secondary{background:#e9ecea;color:#1b1f1d}
        footer{text-align:center;margin:1rem}
        .field{margin:0 0 1rem}
        .field label{display:block;font-weight:600;margin-bottom:.25rem}
        .field input[type=checkbox]+label{display:inline;font-weight:400}
        .field select,.field input:not([type=checkbox]){width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;border:1px solid #8a948f;border-radius:.3rem}
        .field small{display:block;color:#4a524e}
        .notice{background:#e8f3ec;padding:.6rem;border-radius:.3rem}
        section+section{border-top:1px solid #e9ecea;margin-top:1.5rem}
        pre{white-space:pre-wrap;background:#f4f6f5;padding:.6rem}
        img.qr{display:block;margin:1rem auto;width:15rem;height:15rem}
        """
}
