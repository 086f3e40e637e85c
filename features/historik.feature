# language: sv
Egenskap: Historik, trend, sammansatta mål och basår
  För att se om ett nyckeltal går åt rätt håll
  vill verksamheten se utfallet för tidigare perioder och trenden mot dem i bilagan,
  kunna skriva mål med både en nivå och en trend ("75 % och ska öka jämfört med
  föregående år"), och kunna ange att ett nyckeltal mäts för första gången (basår).

  Trenden jämför med föregående period (den senaste periodmappen före), annars med
  samma period föregående år. Högre är bättre för Minst, Högre än och >; lägre är
  bättre för Max, Lägre än, Kortare än och <. Lika värden med en decimal är oförändrat.

  Bakgrund:
    Givet målområdet "Hälso- och sjukvård"

  Scenario: Trend över tre perioder
    Givet nyckeltalet "Andel besvarade samtal" för HSN med riktning "Minst" och mål 80 %
    Och nyckeltalet "Väntetid till operation" för HSN med riktning "Max" och mål 100 dagar
    Och i perioden "2025-04" var utfallet för "Andel besvarade samtal" 70 %
    Och i perioden "2025-04" var utfallet för "Väntetid till operation" 120 dagar
    Och i perioden "2025-08" var utfallet för "Andel besvarade samtal" 75 %
    Och i perioden "2025-08" var utfallet för "Väntetid till operation" 110 dagar
    Och perioden är "2025-12", "per december 2025"
    Och utfallet för "Andel besvarade samtal" är 78 %
    Och utfallet för "Väntetid till operation" är 110 dagar
    När bilagan för perioden tas fram
    Så har "Andel besvarade samtal" i JSON föregående period "2025-08" med utfallet 75
    Och har "Andel besvarade samtal" i JSON inget utfall samma period föregående år
    Och är trenden för "Andel besvarade samtal" i JSON "bättre" mot "2025-08"
    Och är trenden för "Väntetid till operation" i JSON "oförändrad" mot "2025-08"
    Och visar bilagan "↑ bättre än augusti 2025 (75 %)" på raden för "Andel besvarade samtal" i HTML, Markdown, Word och Excel
    Och visar bilagan "→ oförändrad mot augusti 2025 (110 dagar)" på raden för "Väntetid till operation" i HTML, Markdown, Word och Excel

  Scenario: Ett sammansatt mål med nivå och trend
    Givet nyckeltalet "Andel som får vård i tid" för HSN med riktning "Minst" och mål 75 %
    Och "Andel som får vård i tid" bedöms med nivå och trend mot föregående år enligt regeln "båda"
    Och i perioden "2024-08" var utfallet för "Andel som får vård i tid" 72 %
    Och utfallet för "Andel som får vård i tid" är 76 %
    När måluppfyllelsen beräknas
    Så blir "Andel som får vård i tid" grönt
    Och motiveringen för "Andel som får vård i tid" nämner "krav utfall ≥ 75, utfall 76: uppfyllt"
    Och motiveringen för "Andel som får vård i tid" nämner "trend mot föregående år (72): bättre"

  Scenariomall: Nivå och trend blir en färg enligt regeln
    Givet nyckeltalet "Andel som får vård i tid" för HSN med riktning "Minst" och mål 75 %
    Och "Andel som får vård i tid" bedöms med nivå och trend mot föregående år enligt regeln "<regel>"
    Och i perioden "2024-08" var utfallet för "Andel som får vård i tid" <i fjol> %
    Och utfallet för "Andel som får vård i tid" är <utfall> %
    När måluppfyllelsen beräknas
    Så blir "Andel som får vård i tid" <status>

    Exempel:
      | regel       | i fjol | utfall | status |
      | båda        | 72     | 76     | grönt  |
      | båda        | 80     | 76     | gult   |
      | båda        | 60     | 70     | gult   |
      | båda        | 72     | 70     | rött   |
      | båda        | 70     | 70     | rött   |
      | nivå_räcker | 80     | 76     | grönt  |
      | nivå_räcker | 60     | 70     | gult   |
      | nivå_räcker | 72     | 70     | rött   |

  Scenario: Ett sammansatt mål utan föregående års utfall
    Givet nyckeltalet "Andel som får vård i tid" för HSN med riktning "Minst" och mål 75 %
    Och "Andel som får vård i tid" bedöms med nivå och trend mot föregående år enligt regeln "båda"
    Och utfallet för "Andel som får vård i tid" är 76 %
    När måluppfyllelsen beräknas
    Så blir "Andel som får vård i tid" ej bedömt med orsaken "utfall för föregående år saknas"

  Scenario: Ett basår
    Givet nyckeltalet "Andel digitala besök" för HSN med riktning "Minst" utan mål och med baslinjemätning 2024
    Och perioden är "2024-08", "per augusti 2024"
    Och utfallet för "Andel digitala besök" är 20 %
    När måluppfyllelsen beräknas
    Så blir "Andel digitala besök" ej bedömt med orsaken "baslinjemätning 2024; målet sätts utifrån värdet"
    Och har "Andel digitala besök" utfallet 20

  Scenario: Basårets värde blir basvärdet året efter
    Givet nyckeltalet "Andel digitala besök" för HSN med riktning "Minst" och mål 25 %, med baslinjemätning 2024
    Och "Andel digitala besök" bedöms som förändring mot basåret 2024
    Och i perioden "2024-08" var utfallet för "Andel digitala besök" 20 %
    Och utfallet för "Andel digitala besök" är 26 %
    När måluppfyllelsen beräknas
    Så blir "Andel digitala besök" grönt
    Och motiveringen för "Andel digitala besök" nämner "(26 − 20) ÷ 20 = 30 %"
