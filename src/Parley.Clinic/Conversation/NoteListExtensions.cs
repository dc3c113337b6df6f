namespace Parley.Clinic.Conversation;

internal static class NoteListExtensions
{
    public static void AddIf(this List<string> notes, bool condition, string note)
    {
        if (condition)
        {
            notes.Add(note);
        }
    }
}
