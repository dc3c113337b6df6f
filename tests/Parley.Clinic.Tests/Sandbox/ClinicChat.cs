using System.Text.RegularExpressions;
using Parley.Testing;

namespace Parley.Clinic.Tests.Sandbox;

/// <summary>A person talking to the clinic account in the sandbox, from their own number; reads the code their phone received.</summary>
internal sealed partial class ClinicChat(TestApp app, string phone)
{
    [GeneratedRegex(@"^(\d{6}) is your")]
    private static partial Regex CodePattern();

    private SandboxClient Sandbox => app.SandboxFor("clinic");

    public string Phone => phone;

    /// <summary>Sends a message and returns the text of the replies it got (waits for <paramref name="replies"/> more outbound messages).</summary>
    public async Task<string> SayAsync(string text, int replies = 1)
    {
        var before = (await Sandbox.ThreadAsync(phone)).Count(m => m.Direction == "outbound");
        await Sandbox.SendAsync(phone, text);
        var thread = await Sandbox.WaitAsync(phone, t => t.Count(m => m.Direction == "outbound") >= before + replies);
        return string.Join("\n---\n", thread.Where(m => m.Direction == "outbound").Skip(before).Select(m => m.Text));
    }

    /// <summary>login → the number → the code the phone received → signed in; returns what the bot said last.</summary>
    public async Task<string> SignInAsync()
    {
        (await SayAsync("login")).ShouldContain("registered phone number");
        // The code's message and the bot's "I sent a code" reply.
        await SayAsync(phone, replies: 2);
        var code = await CodeAsync();
        return await SayAsync(code, replies: 2);
    }

    /// <summary>
    /// The code as the phone received it: the stored message shows it masked until the send fills it in, so this
    /// waits for the delivered text rather than reading the thread once.
    /// </summary>
    public async Task<string> CodeAsync()
    {
        var thread = await Sandbox.WaitAsync(phone, t => t.Any(m => m.Direction == "outbound" && CodePattern().IsMatch(m.Text ?? "")));
        return thread.Where(m => m.Direction == "outbound").Select(m => CodePattern().Match(m.Text ?? "")).Last(m => m.Success).Groups[1].Value;
    }
}
