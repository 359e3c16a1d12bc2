// Prints every open ticket the API token may see. In a copy of this folder:
//   npm install && CLIENTELE_URL=http://127.0.0.1:4000 CLIENTELE_TOKEN=cltl_... npm start
import { listOpenTickets } from './list-open-tickets';

const url = process.env.CLIENTELE_URL ?? 'http://127.0.0.1:4000';
const token = process.env.CLIENTELE_TOKEN;
if (!token) {
  console.error('Set CLIENTELE_TOKEN to an API token (cltl_…)');
  process.exit(2);
}

listOpenTickets(url, token)
  .then((tickets) => tickets.forEach((t) => console.log(`${t.id}  ${t.company}: ${t.title}`)))
  .catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
