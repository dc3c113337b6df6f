using Parley.Bots.Engine.DataSources;

namespace Parley.Bots.Tests.Engine.DataSources;

public sealed class SqlGuardTests
{
    [Theory]
    [InlineData("SELECT 1")]
    [InlineData("  select name from demo_events where name = @text")]
    [InlineData("WITH e AS (SELECT * FROM demo_events) SELECT name FROM e")]
    [InlineData("SELECT ';' AS semicolon, 'it''s' AS quote")]
    [InlineData("SELECT \"update\" FROM t")]
    [InlineData("SELECT 1 -- a comment; with a semicolon")]
    [InlineData("/* leading comment */ SELECT 1")]
    [InlineData("SELECT replace(name, 'a', 'b') FROM t")]
    [InlineData("SELECT x::text FROM t")]
    public void Check_ReadOnlySingleStatements_Pass(string sql)
    {
        SqlGuard.Check(sql).ShouldBeNull();
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("SELECT 1; DROP TABLE demo_events", "single statement")]
    [InlineData("SELECT 1;", "single statement")]
    [InlineData("DELETE FROM demo_events", "must start with SELECT or WITH")]
    [InlineData("PRAGMA query_only = 0", "must start with SELECT or WITH")]
    [InlineData("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "'DELETE'")]
    [InlineData("SELECT * INTO copy FROM t", "'INTO'")]
    [InlineData("SELECT * FROM t FOR UPDATE", "'UPDATE'")]
    [InlineData("SELECT 'unclosed", "quote is not closed")]
    [InlineData("SELECT 1 /* unclosed", "comment is not closed")]
    [InlineData("SELECT $$x$$", "dollar")]
    [InlineData("SELECT load_extension('x')", "'LOAD_EXTENSION'")]
    [InlineData("ATTACH DATABASE 'x' AS y", "must start with SELECT or WITH")]
    [InlineData("SELECT query_to_xml('SELECT * FROM operators', true, false, '')", "'QUERY_TO_XML'")]
    [InlineData("SELECT pg_read_file('/etc/passwd')", "'PG_READ_FILE'")]
    public void Check_AnythingElse_IsRefused(string sql, string why)
    {
        SqlGuard.Check(sql).ShouldNotBeNull().ShouldContain(why);
    }

    [Fact]
    public void Parameters_AreFoundOutsideLiteralsAndComments()
    {
        SqlGuard.Parameters("SELECT @a, '@notme', \"@nor\" -- @comment\n FROM t WHERE x = @b OR y = @A").ShouldBe(["a", "b"]);
    }
}
