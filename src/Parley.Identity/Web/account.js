// The sign-in page: asks for a code, checks it (the session arrives as an HttpOnly cookie), shows who is signed in.
(() => {
  const $ = id => document.getElementById(id);
  const show = which => {
    $("phone-form").hidden = which !== "phone";
    $("code-form").hidden = which !== "code";
    $("me").hidden = which !== "me";
  };
  const problem = async response => {
    try {
      const p = await response.json();
      const first = p.errors && Object.values(p.errors)[0];
      return (first && first[0]) || p.detail || p.title || response.statusText;
    } catch { return response.statusText; }
  };
  const post = (url, body) => fetch(url, {
    method: "POST", credentials: "same-origin",
    headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  const refresh = async () => {
    const r = await fetch("/api/v1/auth/me", { credentials: "same-origin" });
    if (r.ok) {
      $("me-phone").textContent = (await r.json()).phone;
      show("me");
    } else {
      show("phone");
    }
  };

  $("phone-form").addEventListener("submit", async e => {
    e.preventDefault();
    $("error").textContent = "";
    const r = await post("/api/v1/auth/otp", { phone: $("phone").value, language: navigator.language });
    if (r.status === 202) {
      $("sent").textContent = (await r.json()).message;
      show("code");
      $("code").focus();
    } else {
      $("error").textContent = await problem(r);
    }
  });
  $("code-form").addEventListener("submit", async e => {
    e.preventDefault();
    $("error").textContent = "";
    const r = await post("/api/v1/auth/otp/verify", { phone: $("phone").value, code: $("code").value });
    if (r.ok) {
      $("code").value = "";
      await refresh();
    } else {
      $("error").textContent = await problem(r);
    }
  });
  $("logout").addEventListener("click", async () => {
    await post("/api/v1/auth/logout", {});
    await refresh();
  });
  refresh();
})();
