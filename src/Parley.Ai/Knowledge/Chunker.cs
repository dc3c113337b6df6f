using Parley.Ai.Media.Documents;
using Parley.Core.Outbound.Validation;

namespace Parley.Ai.Knowledge;

/// <summary>
/// Splits a document into passages of about <see cref="TargetChars"/> characters that never cross a heading, so
/// every passage can say where it comes from ("Configuration › Meta"). Long paragraphs are cut at sentences.
/// </summary>
public static class Chunker
{
    public const int TargetChars = 700;
    public const int MaxChars = 1200;

    public static List<PassageDraft> Split(DocumentText document)
    {
        var passages = new List<PassageDraft>();
        foreach (var section in document.Sections)
        {
            var current = new List<string>();
            var length = 0;
            foreach (var paragraph in section.Paragraphs.SelectMany(p => p.Length > MaxChars ? TextSplitter.Split(p, TargetChars) : [p]))
            {
                if (length > 0 && length + paragraph.Length > TargetChars)
                {
                    Emit();
                }

                current.Add(paragraph);
                length += paragraph.Length + 2;
            }

            Emit();

            void Emit()
            {
                if (current.Count > 0)
                {
                    passages.Add(new PassageDraft(passages.Count, section.HeadingPath, string.Join("\n\n", current)));
                    current.Clear();
                    length = 0;
                }
            }
        }

        return passages;
    }
}
