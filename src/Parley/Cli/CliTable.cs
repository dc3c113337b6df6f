using Spectre.Console;

namespace Parley.Cli;

/// <summary>
/// The one table style of the commands. At a terminal: a Spectre table with rounded borders, sized to the window. When
/// standard output is a pipe or a file: a header line and one line per row, tab-separated, never wrapped, no markup, so
/// <c>cut -f2</c> and <c>awk -F'\t'</c> work.
/// </summary>
public sealed class CliTable(params string[] columns)
{
    private readonly List<string[]> _rows = [];

    public string? Title { get; init; }

    public IReadOnlyList<string> Columns => columns;

    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    /// <summary>Adds a row of plain text (no markup); missing cells are empty.</summary>
    public CliTable Add(params string?[] cells)
    {
        var row = new string[columns.Length];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = i < cells.Length ? cells[i] ?? "" : "";
        }

        _rows.Add(row);
        return this;
    }

    /// <summary>Writes the table to standard output in the form that suits it (see the class summary).</summary>
    public void Write()
    {
        if (CliOutput.Plain)
        {
            WritePlain(Console.Out);
        }
        else
        {
            AnsiConsole.Write(ToRenderable());
        }
    }

    /// <summary>Tab-separated lines: the title as a comment line when there is one, the header, the rows.</summary>
    public void WritePlain(TextWriter output)
    {
        if (Title is not null)
        {
            output.WriteLine($"# {Title}");
        }

        output.WriteLine(string.Join('\t', columns.Select(Cell)));
        foreach (var row in _rows)
        {
            output.WriteLine(string.Join('\t', row.Select(Cell)));
        }
    }

    public Table ToRenderable()
    {
        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey);
        if (Title is not null)
        {
            table.Title($"[bold]{Markup.Escape(Title)}[/]");
        }

        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn($"[bold]{Markup.Escape(column)}[/]"));
        }

        foreach (var row in _rows)
        {
            table.AddRow(row.Select(c => Markup.Escape(c)).ToArray());
        }

        return table;
    }

    /// <summary>A cell on one line: tabs and line breaks would split a record.</summary>
    private static string Cell(string value) => value.Replace('\t', ' ').Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
}
