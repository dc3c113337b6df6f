using Parley.Bots.Engine.Intents;

namespace Parley.Bots.Tests.Engine.Intents;

public class IntentMatcherTests
{
    private readonly IntentMatcher _matcher = DemoIntents.Matcher();

    [Theory]
    [InlineData("donación")]
    [InlineData("DONACION")]
    [InlineData("donacion")]
    [InlineData("Donacio\u0301n")]
    [InlineData("Quiero hacer una DONACIÓN, por favor")]
    public void Match_AccentsAndCase_AreIgnored(string text)
    {
        var match = _matcher.Match(text).ShouldNotBeNull();

        match.ShouldBe(new IntentMatch("donativos", 1.0, "es", "donación"));
    }

    [Theory]
    [InlineData("donatvo", "donativos", "donativo", 0.875)]
    [InlineData("minsterio", "ministerio", "ministerio", 0.9)]
    [InlineData("evnto", "eventos", "evento", 0.8333)]
    [InlineData("reunon", "eventos", "reunión", 0.8571)]
    [InlineData("conferncia", "eventos", "conferencia", 0.9091)]
    [InlineData("infromacion", "general", "información", 0.9091)]
    [InlineData("quiero donnar", "donativos", "donar", 0.8333)]
    public void Match_OneTypo_StillFindsTheIntent(string text, string intent, string phrase, double confidence)
    {
        var match = _matcher.Match(text).ShouldNotBeNull();

        match.Intent.ShouldBe(intent);
        match.MatchedPhrase.ShouldBe(phrase);
        match.Confidence.ShouldBe(confidence);
        match.Confidence.ShouldBeGreaterThanOrEqualTo(0.8);
    }

    [Theory]
    [InlineData("¿Quién es el PASTOR?", "ministerio")]
    [InlineData("EvEnTo", "eventos")]
    [InlineData("necesito AYUDA", "general")]
    [InlineData("hola, cómo puedo DONAR?", "donativos")]
    public void Match_MixedCase_FindsTheIntent(string text, string intent)
    {
        _matcher.Match(text).ShouldNotBeNull().Intent.ShouldBe(intent);
    }

    [Theory]
    [InlineData("I want to donate", "donativos", "donate")]
    [InlineData("where is the event", "eventos", "event")]
    [InlineData("How can I contact someone?", "ministerio", "contact")]
    [InlineData("I need help", "general", "help")]
    [InlineData("When is the next MEETING?", "eventos", "meeting")]
    [InlineData("I have a question", "general", "question")]
    public void Match_English_FindsTheIntentInEnglish(string text, string intent, string phrase)
    {
        var match = _matcher.Match(text).ShouldNotBeNull();

        match.Intent.ShouldBe(intent);
        match.Language.ShouldBe("en");
        match.MatchedPhrase.ShouldBe(phrase);
        match.Confidence.ShouldBe(1.0);
    }

    [Theory]
    [InlineData("donativos", "donativos", "donativo")]
    [InlineData("donaciones", "donativos", "donación")]
    [InlineData("eventos", "eventos", "evento")]
    [InlineData("events", "eventos", "event")]
    [InlineData("activities", "eventos", "activity")]
    [InlineData("actividades", "eventos", "actividad")]
    [InlineData("reuniones", "eventos", "reunión")]
    [InlineData("conferences", "eventos", "conference")]
    [InlineData("líderes", "ministerio", "líder")]
    [InlineData("leaders", "ministerio", "leader")]
    [InlineData("consultas", "general", "consulta")]
    public void Match_PluralForm_MatchesTheSingularKeyword(string text, string intent, string phrase)
    {
        var match = _matcher.Match(text).ShouldNotBeNull();

        match.Intent.ShouldBe(intent);
        match.MatchedPhrase.ShouldBe(phrase);
        match.Confidence.ShouldBe(0.95);
    }

    [Theory]
    [InlineData("evntos", "eventos")]
    [InlineData("donatvos", "donativos")]
    [InlineData("I donated last week", "donativos")]
    [InlineData("ayúdame", "general")]
    public void Match_TypoInPluralOrInflection_StillMatches(string text, string intent)
    {
        _matcher.Match(text).ShouldNotBeNull().Intent.ShouldBe(intent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("xyz qwerty")]
    [InlineData("🙏🙏🙏")]
    [InlineData("👨‍👩‍👧 🇲🇽 ❤️")]
    [InlineData("de la que el")]
    [InlineData("the a to of")]
    [InlineData("?!¿¡... ---")]
    [InlineData("I can't even")] // "even" is not a typo of "event"
    [InlineData("hwlp")]          // four-letter words forgive a swap of neighbours, not a wrong letter
    [InlineData("donr")]          // nor a missing one from a five-letter word
    [InlineData("don")]
    public void Match_NothingRecognisable_ReturnsNull(string? text)
    {
        _matcher.Match(text).ShouldBeNull();
        _matcher.Rank(text).ShouldBeEmpty();
    }

    [Fact]
    public void Match_NeighbourSwapInFourLetterWord_MatchesAtTheDefaultThreshold()
    {
        var match = _matcher.Match("hepl").ShouldNotBeNull();

        match.Intent.ShouldBe("general");
        match.Confidence.ShouldBe(0.75);
    }

    [Theory]
    [InlineData(0.9, null)]
    [InlineData(0.876, null)]
    [InlineData(0.875, "donativos")]
    [InlineData(0.5, "donativos")]
    public void Match_Threshold_IsRespected(double threshold, string? expected)
    {
        _matcher.Match("donatvo", threshold: threshold)?.Intent.ShouldBe(expected);
        (_matcher.Match("donatvo", threshold: threshold) is null).ShouldBe(expected is null);
    }

    [Fact]
    public void Match_IntentThreshold_OverridesTheCallThreshold()
    {
        var matcher = new IntentMatcher([DemoIntents.Donativos(threshold: 0.99), DemoIntents.Eventos()]);

        matcher.Match("donatvo", threshold: 0.5).ShouldBeNull();
        matcher.Match("donativo", threshold: 0.5).ShouldNotBeNull().Intent.ShouldBe("donativos");
    }

    [Fact]
    public void Match_BestIntentBelowItsOwnThreshold_FallsBackToTheNextThatPasses()
    {
        var matcher = new IntentMatcher([DemoIntents.Donativos(threshold: 0.9), DemoIntents.Eventos()]);

        // donativos scores 0.875 (blocked by its 0.9), eventos 0.8333 (passes the call's 0.75).
        matcher.Rank("donatvo evnto").Select(m => m.Intent).ShouldBe(["donativos", "eventos"]);
        matcher.Match("donatvo evnto").ShouldNotBeNull().Intent.ShouldBe("eventos");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Match_ThresholdOutsideZeroToOne_Throws(double threshold)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => _matcher.Match("hola", threshold: threshold));
    }

    [Fact]
    public void Match_SharedKeyword_GoesToTheHigherPriority()
    {
        // "support" is a keyword of donativos (priority 2) and of general (priority 0).
        _matcher.Match("support").ShouldBe(new IntentMatch("donativos", 1.0, "en", "support"));

        var generalFirst = new IntentMatcher([DemoIntents.Donativos(priority: 0), DemoIntents.General(priority: 5)]);
        generalFirst.Match("support").ShouldBe(new IntentMatch("general", 1.0, "en", "support"));
    }

    [Fact]
    public void Match_SharedKeywordWithEqualPriority_GoesToTheFirstDefinition()
    {
        var donativosFirst = new IntentMatcher([DemoIntents.Donativos(priority: 0), DemoIntents.General(priority: 0)]);
        var generalFirst = new IntentMatcher([DemoIntents.General(priority: 0), DemoIntents.Donativos(priority: 0)]);

        donativosFirst.Match("I need support").ShouldNotBeNull().Intent.ShouldBe("donativos");
        generalFirst.Match("I need support").ShouldNotBeNull().Intent.ShouldBe("general");
    }

    [Theory]
    [InlineData("apoyo", "donativos", "es")]
    [InlineData("soporte", "general", "es")]
    [InlineData("support", "donativos", "en")]
    public void Match_ApoyoSoporteSupport_IsDeterministic(string text, string intent, string language)
    {
        for (var run = 0; run < 3; run++)
        {
            var match = DemoIntents.Matcher().Match(text).ShouldNotBeNull();
            match.Intent.ShouldBe(intent);
            match.Language.ShouldBe(language);
        }
    }

    [Fact]
    public void Rank_SharedKeyword_ListsBothIntentsByPriority()
    {
        var ranked = _matcher.Rank("support");

        ranked.ShouldBe(
        [
            new IntentMatch("donativos", 1.0, "en", "support"),
            new IntentMatch("general", 1.0, "en", "support"),
        ]);
    }

    [Fact]
    public void Rank_SeveralIntents_OrdersByConfidenceThenPriority()
    {
        var ranked = _matcher.Rank("información sobre eventos y donatvo");

        ranked.Select(m => (m.Intent, m.Confidence)).ShouldBe(
        [
            ("general", 1.0),
            ("eventos", 0.95),
            ("donativos", 0.875),
        ]);
    }

    [Theory]
    [InlineData(null, "en")]
    [InlineData("en", "en")]
    [InlineData("es", "es")]
    [InlineData("ES-mx", "es")]
    [InlineData("fr", "en")]
    public void Match_KeywordInBothLanguages_ReportsThePreferredLanguage(string? preferred, string language)
    {
        // "pastor" is written the same in both lists; without a preference the languages go in ordinal order.
        var match = _matcher.Match("pastor", preferred).ShouldNotBeNull();

        match.Intent.ShouldBe("ministerio");
        match.Language.ShouldBe(language);
        match.Confidence.ShouldBe(1.0);
    }

    [Fact]
    public void Match_PreferredLanguage_DoesNotHideAnExactMatchInAnotherLanguage()
    {
        _matcher.Match("I want to donate", "es").ShouldBe(new IntentMatch("donativos", 1.0, "en", "donate"));
    }

    [Theory]
    [InlineData("¿Cuándo son las clases de bautismo?", 1.0)]
    [InlineData("clases bautismo", 1.0)]
    [InlineData("bautismo: ¿hay clases?", 1.0)]
    [InlineData("clase de bautizmo", 0.9125)]
    [InlineData("When are the BAPTISM classes?", 1.0)]
    public void Match_MultiWordPhrase_NeedsEveryWord(string text, double confidence)
    {
        var match = BaptismMatcher().Match(text).ShouldNotBeNull();

        match.Intent.ShouldBe("bautismo");
        match.Confidence.ShouldBe(confidence);
    }

    [Theory]
    [InlineData("bautismo")]
    [InlineData("clases")]
    [InlineData("de la")]
    public void Match_MultiWordPhraseWithAWordMissing_ReturnsNull(string text)
    {
        BaptismMatcher().Match(text).ShouldBeNull();
    }

    [Fact]
    public void Match_PhraseOfOnlyStopWords_NeverMatches()
    {
        var matcher = new IntentMatcher(
        [
            new IntentDefinition("ruido", 10, DemoIntents.Languages(es: ["de la", "que"], en: ["the", "to the"])),
            DemoIntents.General(),
        ]);

        matcher.Match("de la que the to").ShouldBeNull();
        matcher.Match("información de la iglesia").ShouldNotBeNull().Intent.ShouldBe("general");
    }

    [Theory]
    [InlineData(@"\u0000")]
    [InlineData(@"\u0000donación\u0000")]
    [InlineData(@"\uD800")]
    [InlineData(@"\uDC00abc\uD83D")]
    [InlineData(@"don\uD800ativo")]
    [InlineData(@"\uFFFE\uFFFF")]
    [InlineData("أريد التبرع للكنيسة")]
    [InlineData("שלום, אני רוצה לתרום")]
    [InlineData(@"abc\u202Edef\u2066x\u2069")]
    [InlineData(@"e\u0301\u0301\u0301\u0301\u0301\u0301")]
    [InlineData("👨‍👩‍👧🇲🇽👍🏽🏴󠁧󠁢󠁥󠁮󠁧󠁿")]
    [InlineData(@"\u200B\u200C\u200D\uFEFF")]
    [InlineData(@"\t\r\n\v\f")]
    public void Match_UnicodeOddities_NeverThrow(string escapedText)
    {
        var text = Escaped.Decode(escapedText);

        Should.NotThrow(() => _matcher.Match(text));
        Should.NotThrow(() => _matcher.Rank(text));
    }

    [Theory]
    [InlineData("\0donación\0")]
    [InlineData("🙏 donación 🙏")]
    [InlineData("dona\u200Dción")]
    [InlineData("ＤＯＮＡＣＩÓＮ")]
    [InlineData("d\u0337o\u0337n\u0337a\u0337r\u0337")]
    [InlineData("\u202Edonar\u202C")]
    public void Match_KeywordWrappedInUnicodeNoise_IsStillFound(string text)
    {
        _matcher.Match(text).ShouldNotBeNull().Intent.ShouldBe("donativos");
    }

    [Fact]
    public void Match_LongMessage_FindsTheKeywordAfterManyWords()
    {
        // More words than fit the stack-allocated token table.
        var text = string.Concat(Enumerable.Repeat("bla ", 300)) + "¿y la reunión?";

        _matcher.Match(text).ShouldNotBeNull().Intent.ShouldBe("eventos");
        _matcher.Rank(text).ShouldHaveSingleItem().Intent.ShouldBe("eventos");
    }

    [Fact]
    public void Constructor_DuplicateName_Throws()
    {
        Should.Throw<ArgumentException>(() => new IntentMatcher([DemoIntents.General(), DemoIntents.General()]))
            .Message.ShouldContain("general");
    }

    [Fact]
    public void Constructor_BlankName_Throws()
    {
        Should.Throw<ArgumentException>(() => new IntentMatcher(
            [new IntentDefinition(" ", 0, DemoIntents.Languages(es: ["hola"], en: ["hello"]))]));
    }

    [Fact]
    public void Constructor_ThresholdAboveOne_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new IntentMatcher([DemoIntents.Eventos(threshold: 1.5)]));
    }

    [Fact]
    public void Match_NoDefinitions_ReturnsNull()
    {
        new IntentMatcher([]).Match("donación").ShouldBeNull();
    }

    private static IntentMatcher BaptismMatcher() => new(
    [
        new IntentDefinition("bautismo", 0, DemoIntents.Languages(
            es: ["clases de bautismo", "quiero bautizarme"],
            en: ["baptism classes"])),
        DemoIntents.General(),
    ]);
}
