using System.Collections.Frozen;
using System.Text;

namespace Parley.Bots.Engine.DataSources;

/// <summary>
/// A light check that a data source's SQL is one read-only statement: it must start with SELECT or WITH,
/// have no <c>;</c> outside string literals, quoted names and comments, and no data- or schema-changing
/// keyword. Defence in depth: the query also runs read-only, and user text only ever travels as bound
/// parameters, so this guards against a careless definition rather than against the user.
/// </summary>
public static class SqlGuard
{
    private static readonly FrozenSet<string> Forbidden = FrozenSet.ToFrozenSet(
    [
        "insert", "update", "delete", "merge", "upsert", "drop", "alter", "create", "truncate", "grant", "revoke",
        "attach", "detach", "pragma", "vacuum", "reindex", "copy", "call", "exec", "execute", "do", "lock", "listen", "notify",
        "set", "reset", "begin", "commit", "rollback", "savepoint", "release", "into", "load_extension", "pg_sleep",

        // PostgreSQL functions that run a query given as text or read files: what they read no plan shows.
        "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema", "cursor_to_xml", "cursor_to_xmlschema",
        "table_to_xml", "table_to_xmlschema", "table_to_xml_and_xmlschema", "schema_to_xml", "schema_to_xmlschema",
        "schema_to_xml_and_xmlschema", "database_to_xml", "database_to_xmlschema", "database_to_xml_and_xmlschema",
        "dblink", "dblink_exec", "dblink_open", "dblink_fetch", "dblink_send_query", "pg_read_file", "pg_read_binary_file",
        "pg_ls_dir", "lo_import", "lo_export", "lo_get",
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>Null when <paramref name="sql"/> passes, otherwise why not.</summary>
    public static string? Check(string? sql)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            return "the query is empty";
        }

        var words = new List<string>();
        var parameters = new List<string>();
        var reason = Scan(sql, words, parameters);
        if (reason is not null)
        {
            return reason;
        }

        if (words.Count == 0 || !(words[0].Equals("select", StringComparison.OrdinalIgnoreCase) || words[0].Equals("with", StringComparison.OrdinalIgnoreCase)))
        {
            return "the query must start with SELECT or WITH";
        }

        var bad = words.FirstOrDefault(Forbidden.Contains);
        return bad is null ? null : $"the query may only read, but it contains '{bad.ToUpperInvariant()}'";
    }

    /// <summary>The <c>@name</c> parameters a query uses (outside literals and comments), in order of first use.</summary>
    public static IReadOnlyList<string> Parameters(string sql)
    {
        var parameters = new List<string>();
        Scan(sql, [], parameters);
        return parameters.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static string? Scan(string sql, List<string> words, List<string> parameters)
    {
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '\'' || c == '"' || c == '`' || c == '[')
            {
                var close = c == '[' ? ']' : c;
                i++;
                while (i < sql.Length)
                {
                    if (sql[i] == close)
                    {
                        // A doubled quote is an escaped quote inside the literal.
                        if (i + 1 < sql.Length && sql[i + 1] == close && close != ']')
                        {
                            i += 2;
                            continue;
                        }

                        break;
                    }

                    i++;
                }

                if (i >= sql.Length)
                {
                    return "a quote is not closed";
                }

                i++;
                continue;
            }

            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return "a comment is not closed";
                }

                i = end + 2;
                continue;
            }

            if (c == ';')
            {
                return "the query must be a single statement (no ';')";
            }

            if (c == '$' && i + 1 < sql.Length && (sql[i + 1] == '$' || char.IsLetter(sql[i + 1])))
            {
                // PostgreSQL dollar quoting can hide anything, including statements.
                return "dollar-quoted strings are not allowed";
            }

            if (c == '@' && i + 1 < sql.Length && (char.IsLetter(sql[i + 1]) || sql[i + 1] == '_'))
            {
                var start = ++i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_'))
                {
                    i++;
                }

                parameters.Add(sql[start..i]);
                continue;
            }

            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_'))
                {
                    i++;
                }

                words.Add(sql[start..i]);
                continue;
            }

            i++;
        }

        return null;
    }

    /// <summary>The query with its comments removed and whitespace collapsed, for logs at Debug.</summary>
    public static string Compact(string sql)
    {
        var builder = new StringBuilder(sql.Length);
        foreach (var line in sql.Split('\n'))
        {
            builder.Append(line.Trim()).Append(' ');
        }

        return builder.ToString().Trim();
    }
}
