// /over: what the register is, the criteria, who sees what, privacy, how a school joins.
import type { PageHead } from "#views/layout";

export const aboutHead: PageHead = { title: "Over het register", current: "/over" };

export function AboutPage(props: { expiringDays: number }) {
  return (
    <div class="prose">
      <h1>Over het register</h1>
      <p class="lead">
        Het Register Gekwalificeerd Praktijkbeoordelaar (Register MEI) laat zien welke
        praktijkbeoordelaars voor mbo-examens in de metaal, elektro en installatietechniek op dit
        moment gekwalificeerd zijn.
      </p>

      <h2>Waarom een register?</h2>
      <p>
        Bij een praktijkexamen beoordeelt een praktijkbeoordelaar uit het bedrijfsleven of de
        student de beroepstaken beheerst. Scholen moeten kunnen laten zien dat die beoordelaars
        deskundig zijn. Het register maakt dat eenvoudig: scholen leggen vast wie zij inzetten, en
        iedereen kan zien wie gekwalificeerd is.
      </p>

      <h2>Wanneer bent u gekwalificeerd?</h2>
      <p>
        Een praktijkbeoordelaar wordt ingeschreven door een school, nadat die school heeft
        gecontroleerd dat de beoordelaar een initiële training heeft gevolgd over alle drie de
        onderdelen:
      </p>
      <ul>
        <li>examenproces en rollen;</li>
        <li>beoordelen van observaties en producten;</li>
        <li>het voeren van een eindgesprek.</li>
      </ul>
      <p>Daarna geldt: in elke periode van drie jaar</p>
      <ul>
        <li>
          is de beoordelaar minstens één keer actief als praktijkbeoordelaar bij een examen, en
        </li>
        <li>
          volgt de beoordelaar minstens één bijscholing (bijvoorbeeld een terugkomdag, een
          verificatiebijeenkomst of een workshop kwalificerend beoordelen).
        </li>
      </ul>
      <p>
        De termijn loopt drie jaar vanaf het laatste examen en drie jaar vanaf de laatste
        bijscholing (of vanaf de inschrijving). De vroegste van die twee datums is de uiterste
        datum. Wie binnen {props.expiringDays} dagen die datum bereikt, staat op{" "}
        <em>verloopt binnenkort</em>; daarna op <em>verlopen</em>. Een school kan een beoordelaar
        ook afmelden.
      </p>

      <h2>Wie ziet wat?</h2>
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Gegevens</th>
              <th scope="col">Openbaar</th>
              <th scope="col">Scholen</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>
                Naam, organisatie, crebo's, scholen en plaatsen van gekwalificeerde beoordelaars die
                toestemming gaven
              </td>
              <td>Ja</td>
              <td>Ja</td>
            </tr>
            <tr>
              <td>Dezelfde gegevens zonder toestemming, of als de kwalificatie verlopen is</td>
              <td>Nee</td>
              <td>Ja</td>
            </tr>
            <tr>
              <td>Contactgegevens, examens, bijscholingen en datums</td>
              <td>Nooit</td>
              <td>Ja</td>
            </tr>
            <tr>
              <td>Afgemelde beoordelaars</td>
              <td>Nee</td>
              <td>Alleen de school die inschreef</td>
            </tr>
          </tbody>
        </table>
      </div>

      <h2>Privacy</h2>
      <p>
        Het register verwerkt persoonsgegevens van mensen die zichzelf niet hebben aangemeld. Daarom
        tonen wij openbaar alleen wat nodig is, en alleen met toestemming van de beoordelaar. Die
        toestemming kan op elk moment worden ingetrokken; het openbare profiel verdwijnt dan direct.
        Contactgegevens worden nooit openbaar gemaakt.
      </p>
      <p>
        Staat u als praktijkbeoordelaar in het register? Dan krijgt u een e-mail zodra een school u
        registreert of koppelt. Via <a href="/mijn-gegevens">Mijn gegevens</a> vraagt u een
        persoonlijke link aan: daarmee ziet en downloadt u alles wat over u is vastgelegd, geeft u
        uw toestemming voor openbare vermelding of trekt u die in, en meldt u een fout. Heeft u uw
        toestemming zelf ingetrokken, dan kan alleen u die opnieuw geven.
      </p>
      <p>
        Wilt u uw gegevens laten verwijderen? Neem contact op met de school die u heeft
        ingeschreven. Gegevens van afgemelde beoordelaars worden na een vaste bewaartermijn
        automatisch gewist.
      </p>

      <h2>Hoe krijgt een school toegang?</h2>
      <p>
        Scholen die met praktijkbeoordelaars werken, kunnen{" "}
        <a href="/aanvragen">een account aanvragen</a>. Het bureau van het register controleert de
        aanvraag en stuurt de contactpersoon een uitnodiging. Daarna kan de school collega's
        uitnodigen, beoordelaars inschrijven en examens en bijscholingen vastleggen.
      </p>

      <h2>Open gegevens</h2>
      <p>
        De openbare lijst is ook beschikbaar als <a href="/api/v1/assessors.csv">CSV-bestand</a> en
        via de <a href="/api/v1/assessors">JSON-API</a>.
      </p>
    </div>
  );
}
