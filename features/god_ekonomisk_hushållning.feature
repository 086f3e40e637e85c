# language: sv
Egenskap: God ekonomisk hushållning
  Som ekonom som skriver förvaltningsberättelsen
  vill jag att slutsatsen om god ekonomisk hushållning följer regeln i rules/hushallning.yaml
  och visar de antal den vilar på, så att revisorerna kan följa bedömningen.

  Regionens beslut: god ekonomisk hushållning är uppnådd när inget finansiellt mål och
  inget målområde är ej uppfyllt (rött) och alla har kunnat bedömas. Regeln och slutsatsens text står i
  rules/hushallning.yaml och kan ändras där, utan att programmet ändras.

  Bakgrund:
    Givet regeln i rules/hushallning.yaml: "finansiella_röd == 0 and målområden_röd == 0 and finansiella_ej_bedömd == 0 and målområden_ej_bedömd == 0"
    Och perioden är "2025-08", "per augusti 2025", där nyckeltal som mäts per tertial och halvår ska ha utfall

  Scenario: Uppnådd när inget finansiellt mål och inget målområde är rött
    Givet de finansiella målen:
      | finansiellt mål                           | riktning | mål   | utfall | bedömning |
      | Kassalikviditet exkl. pensionsplaceringar | >        | 67    | 70,8   | kvot      |
      | Nettokostnadsutveckling                   | Max      | −3,8  | −4,0   | uppfyllt  |
      | Leverantörsföljsamhet                     | Minst    | 95    | 89     | kvot      |
    Och målområdena har bedömts så här:
      | målområde           | bedömning       |
      | Hälso- och sjukvård | Delvis uppfyllt |
      | Tandvård            | Uppfyllt        |
      | Ledningsprocesser   | Delvis uppfyllt |
    När god ekonomisk hushållning utvärderas
    Så är god ekonomisk hushållning uppnådd
    Och antalen som bedömningen vilar på är:
      | del             | grön | gul | röd | ej bedömd | antal |
      | målområden      | 1    | 2   | 0   | 0         | 3     |
      | finansiella mål | 2    | 1   | 0   | 0         | 3     |
    Och slutsatsen börjar med "Den sammantagna bedömningen är att Region Jämtland Härjedalen uppnått god ekonomisk hushållning i förhållande till regionfullmäktiges mål för verksamhet och ekonomi per augusti 2025."

  Scenariomall: Ett enda rött finansiellt mål eller målområde räcker för att den inte är uppnådd
    Givet de finansiella målen:
      | finansiellt mål                           | riktning | mål  | utfall          | bedömning |
      | Kassalikviditet exkl. pensionsplaceringar | >        | 67   | 70,8            | kvot      |
      | Nettokostnadsutveckling                   | Max      | −3,8 | <kostnadsutfall> | uppfyllt  |
    Och målområdena har bedömts så här:
      | målområde           | bedömning       |
      | Hälso- och sjukvård | Delvis uppfyllt |
      | Tandvård            | <tandvård>      |
      | Ledningsprocesser   | Delvis uppfyllt |
    När god ekonomisk hushållning utvärderas
    Så är god ekonomisk hushållning <slutsats>

    Exempel:
      | kostnadsutfall | tandvård        | slutsats      |
      | −4,0           | Delvis uppfyllt | uppnådd       |
      | −2,4           | Delvis uppfyllt | inte uppnådd  |
      | −4,0           | Ej uppfyllt     | inte uppnådd  |
      | −2,4           | Ej uppfyllt     | inte uppnådd  |

  Scenariomall: En regel med "delvis" ger slutsatsen delvis uppnådd
    Givet regeln för god ekonomisk hushållning i hushallning.yaml är:
      """
      uppnådd: finansiella_röd == 0 and målområden_röd == 0
      delvis: finansiella_röd + målområden_röd <= 1
      """
    Och de finansiella målen:
      | finansiellt mål                           | riktning | mål  | utfall           | bedömning |
      | Kassalikviditet exkl. pensionsplaceringar | >        | 67   | 70,8             | kvot      |
      | Nettokostnadsutveckling                   | Max      | −3,8 | <kostnadsutfall> | uppfyllt  |
    Och målområdena har bedömts så här:
      | målområde           | bedömning       |
      | Hälso- och sjukvård | Delvis uppfyllt |
      | Tandvård            | <tandvård>      |
      | Ledningsprocesser   | Delvis uppfyllt |
    När god ekonomisk hushållning utvärderas
    Så är god ekonomisk hushållning <slutsats>
    Och slutsatsen börjar med "Den sammantagna bedömningen är att Region Jämtland Härjedalen <uppnått> god ekonomisk hushållning"

    Exempel:
      | kostnadsutfall | tandvård        | slutsats       | uppnått        |
      | −4,0           | Delvis uppfyllt | uppnådd        | uppnått        |
      | −2,4           | Delvis uppfyllt | delvis uppnådd | delvis uppnått |
      | −4,0           | Ej uppfyllt     | delvis uppnådd | delvis uppnått |
      | −2,4           | Ej uppfyllt     | inte uppnådd   | inte uppnått   |

  Scenario: Slutsatsen vilar på antalen målområden, uppdrag från fullmäktige och finansiella mål
    Givet de finansiella målen:
      | finansiellt mål                                  | riktning | mål   | utfall | bedömning |
      | Soliditet (ökning) Exklusive ansvarsförbindelsen | Minst    | −34,8 | −31,0  | uppfyllt  |
      | Kassalikviditet exkl. pensionsplaceringar        | >        | 67    | 70,8   | kvot      |
      | Nettokostnadsutveckling                          | Max      | −3,8  | −2,4   | uppfyllt  |
      | Bruttokostnadsutveckling                         | Max      | −3,1  | 0,6    | uppfyllt  |
      | Leverantörsföljsamhet                            | Minst    | 95    | 89     | kvot      |
      | Skuldsättningstak                                | <        | 16    | 8      | kvot      |
    Och uppdragen från fullmäktige, rapporterade som "Pågående enligt plan":
      | målområde                   | antal |
      | Hälso- och sjukvård         | 9     |
      | Tandvård                    | 5     |
      | Regionalt utvecklingsansvar | 3     |
      | Kultur                      | 1     |
      | Kollektivtrafik             | 1     |
      | Folkhögskolor               | 1     |
      | Stödverksamhet              | 7     |
      | Ledningsprocesser           | 4     |
    Och RUN har 3 egna uppdrag i målområdet "Regionalt utvecklingsansvar", rapporterade som "Avslutad/klar"
    Och målområdena har bedömts så här:
      | målområde                   | bedömning       | motivering                                                                       |
      | Hälso- och sjukvård         | Delvis uppfyllt |                                                                                  |
      | Tandvård                    | Ej uppfyllt     | Målområdet bedöms som helhet som rött utifrån det svåra läget inom allmäntandvården. |
      | Regionalt utvecklingsansvar | Delvis uppfyllt |                                                                                  |
      | Kultur                      | Delvis uppfyllt |                                                                                  |
      | Kollektivtrafik             | Delvis uppfyllt |                                                                                  |
      | Folkhögskolor               | Delvis uppfyllt |                                                                                  |
      | Stödverksamhet              | Delvis uppfyllt |                                                                                  |
      | Ledningsprocesser           | Ej uppfyllt     | Kostnadsutvecklingen och budgetavvikelsen ligger långt från målen.               |
    När god ekonomisk hushållning utvärderas
    Så är god ekonomisk hushållning inte uppnådd
    Och antalen som bedömningen vilar på är:
      | del                      | grön | gul | röd | ej bedömd | antal |
      | målområden               | 0    | 6   | 2   | 0         | 8     |
      | uppdrag från fullmäktige | 0    | 31  | 0   | 0         | 31    |
      | finansiella mål          | 3    | 1   | 2   | 0         | 6     |
    Och de ej uppfyllda målområdena är "tandvård och ledningsprocesser"
    Och slutsatsen innehåller "Bedömningen grundas på att av de åtta målområdena har sex bedömts som delvis uppfyllda och två, tandvård och ledningsprocesser, som ej uppfyllda."
    Och slutsatsen innehåller "Till dessa målområden finns 31 uppdrag till nämnderna och styrelsen. Samtliga av dessa uppdrag har bedömts som delvis uppfyllda."
    Och slutsatsen innehåller "De kortsiktiga nyckeltalen avser sex finansiella mål, varav tre har bedömts som uppfyllda, ett som delvis uppfyllt och två som ej uppfyllda."

  Scenario: Slutsatsens räkneord och uppräkning följer antalen
    Givet de finansiella målen:
      | finansiellt mål                           | riktning | mål  | utfall | bedömning |
      | Kassalikviditet exkl. pensionsplaceringar | >        | 67   | 70,8   | kvot      |
      | Skuldsättningstak                         | <        | 16   | 8      | kvot      |
    Och uppdragen från fullmäktige, rapporterade som "Avslutad/klar":
      | målområde           | antal |
      | Hälso- och sjukvård | 2     |
    Och uppdragen från fullmäktige, rapporterade som "Pågående enligt plan":
      | målområde | antal |
      | Kultur    | 2     |
    Och målområdena har bedömts så här:
      | målområde           | bedömning       |
      | Hälso- och sjukvård | Uppfyllt        |
      | Tandvård            | Uppfyllt        |
      | Kultur              | Delvis uppfyllt |
      | Kollektivtrafik     | Delvis uppfyllt |
      | Ledningsprocesser   | Delvis uppfyllt |
    När god ekonomisk hushållning utvärderas
    Så är god ekonomisk hushållning uppnådd
    Och slutsatsen innehåller "av de fem målområdena har två bedömts som uppfyllda och tre bedömts som delvis uppfyllda."
    Och slutsatsen innehåller "Till dessa målområden finns 4 uppdrag till nämnderna och styrelsen. Av dessa har två bedömts som uppfyllda och två som delvis uppfyllda."
    Och slutsatsen innehåller "avser två finansiella mål, varav två har bedömts som uppfyllda"
    Och slutsatsen innehåller inte "Samtidigt visar uppföljningen"
    Och slutsatsen innehåller inte "bristande budgetföljsamhet"

  Scenario: Ett enda målområde eller mål skrivs i singular
    Givet de finansiella målen:
      | finansiellt mål                           | riktning | mål  | utfall | bedömning |
      | Kassalikviditet exkl. pensionsplaceringar | >        | 67   | 70,8   | kvot      |
      | Nettokostnadsutveckling                   | Max      | −3,8 | −2,4   | uppfyllt  |
    Och målområdena har bedömts så här:
      | målområde           | bedömning       |
      | Hälso- och sjukvård | Delvis uppfyllt |
      | Tandvård            | Ej uppfyllt     |
      | Ledningsprocesser   | Delvis uppfyllt |
    När god ekonomisk hushållning utvärderas
    Så är god ekonomisk hushållning inte uppnådd
    Och slutsatsen innehåller "av de tre målområdena har två bedömts som delvis uppfyllda och ett, tandvård, som ej uppfyllt."
    Och slutsatsen innehåller "avser två finansiella mål, varav ett har bedömts som uppfyllt och ett som ej uppfyllt."

  Scenario: Utan bedömda delar är god ekonomisk hushållning inte uppnådd
    Givet de finansiella målen:
      | finansiellt mål                           | riktning | mål  | utfall | bedömning |
      | Kassalikviditet exkl. pensionsplaceringar | >        | 67   | 70,8   | kvot      |
    Och målområdena har bedömts så här:
      | målområde           | bedömning       |
      | Hälso- och sjukvård | Ej bedömd       |
      | Ledningsprocesser   | Delvis uppfyllt |
    När god ekonomisk hushållning utvärderas
    Så är god ekonomisk hushållning inte uppnådd
    Och slutsatsen innehåller "ett inte kunnat bedömas"

  Scenario: Delårsrapporten per augusti 2025: god ekonomisk hushållning är inte uppnådd
    Givet reglerna i "rules" och utfallen i "fixtures/2025-08"
    När god ekonomisk hushållning utvärderas
    Så är god ekonomisk hushållning inte uppnådd
    Och antalen som bedömningen vilar på är:
      | del                      | grön | gul | röd | ej bedömd | antal |
      | målområden               | 0    | 6   | 2   | 0         | 8     |
      | uppdrag från fullmäktige | 0    | 31  | 0   | 0         | 31    |
      | finansiella mål          | 3    | 1   | 2   | 0         | 6     |
    Och de ej uppfyllda målområdena är "tandvård och ledningsprocesser"
    Och slutsatsen börjar med "Den sammantagna bedömningen är att Region Jämtland Härjedalen inte uppnått god ekonomisk hushållning i förhållande till regionfullmäktiges mål för verksamhet och ekonomi per augusti 2025."
    Och slutsatsen innehåller "av de åtta målområdena har sex bedömts som delvis uppfyllda och två, tandvård och ledningsprocesser, som ej uppfyllda"
    Och slutsatsen innehåller "Samtliga av dessa uppdrag har bedömts som delvis uppfyllda."
    Och slutsatsen innehåller "avser sex finansiella mål, varav tre har bedömts som uppfyllda, ett som delvis uppfyllt och två som ej uppfyllda"

  Scenario: Kommandoraden ger slutsatsen som JSON
    När kommandot "maluppfyllelse evaluate --rules rules --outcomes fixtures/2025-08 --format json" körs i projektmappen
    Så avslutas kommandot med kod 0
    Och "god_ekonomisk_hushållning.uppnådd" är false i JSON-utdatan
    Och "god_ekonomisk_hushållning.antal.finansiella.grön" är 3 i JSON-utdatan
    Och "god_ekonomisk_hushållning.antal.finansiella.gul" är 1 i JSON-utdatan
    Och "god_ekonomisk_hushållning.antal.finansiella.röd" är 2 i JSON-utdatan
    Och "god_ekonomisk_hushållning.antal.uppdrag.gul" är 31 i JSON-utdatan
    Och "god_ekonomisk_hushållning.antal.uppdrag.antal" är 31 i JSON-utdatan
    Och "god_ekonomisk_hushållning.ej_uppfyllda_målområden" är ["tandvård", "ledningsprocesser"] i JSON-utdatan
    Och målområdenas status i JSON-utdatan är 6 gula och 2 röda: "Tandvård och Ledningsprocesser"

  Scenariomall: Ett felskrivet uttryck i regeln ger ett fel som pekar ut fil, rad och kolumn
    Givet regeln för god ekonomisk hushållning i hushallning.yaml är:
      """
      uppnådd: <uttryck>
      """
    När regelmappen kontrolleras med "maluppfyllelse validate"
    Så avslutas kommandot med kod 1
    Och felet "hushallning.yaml:2:12: fel: regel.uppnådd: <fel>" skrivs ut, med regelmappens sökväg först

    Exempel:
      | uttryck                             | fel                                          |
      | finansiella_rött == 0               | okänt namn 'finansiella_rött' i uttrycket    |
      | finansiella_röd == 0 and            | uttrycket går inte att tolka                 |
      | len(målområden_röd) == 0            | okänd funktion i uttrycket                   |
