# language: sv
Egenskap: Bilaga 1, sammanställning av måluppfyllelsen
  Som ledamot i regionfullmäktige
  vill jag i Bilaga 1 läsa hur målen, uppdragen och nyckeltalen har följts upp
  så att jag kan bedöma om regionen har god ekonomisk hushållning.

  Bakgrund:
    Givet reglerna i rules/ och utfallen i fixtures/2025-08

  Scenario: Rubriken anger perioden
    När Bilaga 1 skapas
    Så är huvudrubriken "Bilaga 1, Sammanställning måluppfyllelse per augusti 2025"
    Och bilagan står "Uppgifter per 31 augusti 2025"

  Scenario: Symbolförklaringen förklarar färgerna och det gula intervallet
    När Bilaga 1 skapas
    Så står under "Symbolförklaring för måluppfyllelse":
      | text                                                        |
      | Grönt = målet uppnått                                       |
      | Gult = delvis uppnått, pågående aktiviteter i rätt riktning |
      | Rött = uppnås inte                                          |
      | Mätetalen innebär ett intervall där 90–99 procent är gult.  |

  Scenario: Meningen om det gula intervallet följer skalan
    Givet att det gula bandet i skala.yaml ändras till från 85 till 100
    När Bilaga 1 skapas
    Så står under "Symbolförklaring för måluppfyllelse":
      | text                                                        |
      | Mätetalen innebär ett intervall där 85–99 procent är gult.  |
    Och står inte "90–99 procent" i bilagan

  Scenario: Sammanställningen räknar uppdrag och finansiella mål per målområde
    När Bilaga 1 skapas
    Så innehåller sammanställningen raderna:
      | målområde                                 | uppdrag | grön | gul | röd | status          |
      | Målområde för hälso- och sjukvård         | 9       |      |     |     | Delvis uppfyllt |
      | Målområde för tandvård                    | 5       |      |     |     | Ej uppfyllt     |
      | Målområde för regionalt utvecklingsansvar | 3       |      |     |     | Delvis uppfyllt |
      | Målområde för kultur                      | 1       |      |     |     | Delvis uppfyllt |
      | Målområde för kollektivtrafik             | 1       |      |     |     | Delvis uppfyllt |
      | Målområde för folkhögskolor               | 1       |      |     |     | Delvis uppfyllt |
      | Målområde för stödverksamhet              | 7       |      |     |     | Delvis uppfyllt |
      | Målområde för ledningsprocesser           | 4       | 3    | 1   | 2   | Ej uppfyllt     |
      | Totalt                                    | 31      | 3    | 1   | 2   |                 |

  Scenario: Tabellen över de finansiella målen
    När Bilaga 1 skapas
    Så innehåller tabellen "Finansiella mål" raderna:
      | mål                                              | målvärde      | utfall | måluppfyllelse | status          |
      | Soliditet (ökning) Exklusive ansvarsförbindelsen | Minst −34,8 % | −31,0 % | –              | Uppfyllt        |
      | Kassalikviditet exkl. pensionsplaceringar        | >67 %         | 70,8 % | 105,7 %        | Uppfyllt        |
      | Nettokostnadsutveckling                          | Max −3,8 %    | −2,4 % | –              | Ej uppfyllt     |
      | Bruttokostnadsutveckling                         | Max −3,1 %    | 0,6 %  | –              | Ej uppfyllt     |
      | Leverantörsföljsamhet                            | Minst 95 %    | 89 %   | 93,7 %         | Delvis uppfyllt |
      | Skuldsättningstak                                | <16 %         | 8 %    | 200,0 %        | Uppfyllt        |

  Scenario: Ett målområdes uppdrag redovisas med varje nämnds status och kommentar
    # Varje nämnds status står som nämnden rapporterade den: Regionstyrelsen skrev
    # "Avslutad/klar" i sitt avsnitt (seed 004 rad 5218); uppdragets samlade status är den
    # sämsta av nämndernas, delvis uppfyllt, som i Bilaga 1.
    När Bilaga 1 skapas
    Så har målområdet "Kultur" sammanvägd status "Delvis uppfyllt"
    Och redovisar "Uppdrag – Kultur" under "Kultur" uppdraget "Fortsätta utveckla arbetet med kultur och hälsa. (RS+RUN)" så här:
      | nämnd                          | status               | kommentaren börjar med                                            |
      | Regionstyrelsen                | Avslutad/klar        | I uppdraget att utveckla arbetet med kultur och hälsa             |
      | Regionala utvecklingsnämnden   | Pågående enligt plan | Dialog förs angående vilket format Spridningskonferensen          |

  Scenario: Ett målområde som bedömts annorlunda än beräkningen visar bara det beslutade
    När Bilaga 1 skapas
    Så har målområdet "Tandvård" sammanvägd status "Ej uppfyllt"
    Och står inte "beräknat förslag" i bilagan
    Och står inte "Delvis uppfyllt" under rubriken för "Tandvård"

  Scenario: Kortsiktiga nyckeltal redovisas per nämnd
    När Bilaga 1 skapas
    Så har målområdet "Ledningsprocesser" nyckeltalstabeller för:
      | nämnd                         |
      | Regionstyrelsen               |
      | Hälso- och sjukvårdsnämnden   |
      | Regionala utvecklingsnämnden  |
      | Kollektivtrafiknämnden        |
    Och visar tabellen "Kortsiktiga nyckeltal – Regionstyrelsen" under "Ledningsprocesser" raderna:
      | nyckeltal                                          | utfall | mål            | måluppfyllelse | status          |
      | Leverantörstrohet                                  | 92 %   | Minst 95 %     | 96,8 %         | Delvis uppfyllt |
      | Energianvändning i regionens egna lokaler (minska) | –      | Max 165 kWh/m² | –              | Ej bedömd       |
    Och visar tabellen "Kortsiktiga nyckeltal – Hälso- och sjukvårdsnämnden" under "Hälso- och sjukvård" raderna:
      | nyckeltal                                                        | utfall       | mål               | måluppfyllelse | status          |
      | Medelvärde väntedagar till operation                             | 106 dagar    | Max 100 dagar     | 94,3 %         | Delvis uppfyllt |
      | Antal väntande över 90 dagar till förstabesök inom hudsjukvården | 271 patienter | Max 200 patienter | 73,8 %        | Ej uppfyllt     |

  Scenario: Slutsatsen om god ekonomisk hushållning
    När Bilaga 1 skapas
    Så står under "Slutsatser av god ekonomisk hushållning":
      | text                                                                                      |
      | Region Jämtland Härjedalen inte uppnått god ekonomisk hushållning                        |
      | av de åtta målområdena har sex bedömts som delvis uppfyllda                               |
      | två, tandvård och ledningsprocesser, som ej uppfyllda                                     |
      | varav tre har bedömts som uppfyllda, ett som delvis uppfyllt och två som ej uppfyllda     |
